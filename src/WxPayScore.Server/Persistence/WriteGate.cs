namespace WxPayScore.Server.Persistence;

/// <summary>
/// SQLite's one writer inside the process, as a first-come queue (queueing here instead of in SQLite avoids its
/// busy-retry sleeps). There is no priority lane: letting the journal's batches overtake the order transactions made
/// status queries faster but doubled the creates' wait and cost the full flow a fifth of its throughput
/// (docs/performance.md, "Server foundations").
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim needs disposing only once its AvailableWaitHandle was used, which it never is here
internal sealed class WriteGate
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim writer = new(1, 1);

    public Task WaitAsync() => writer.WaitAsync();

    public void Release() => writer.Release();
}
