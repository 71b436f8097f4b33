namespace WxPayScore.Server.Persistence;

/// <summary>
/// SQLite's one writer inside the process, as a queue (queueing here instead of in SQLite avoids its busy-retry
/// sleeps). Waiters marked urgent (the journal's batches: a few rows, one short statement each) take a lane of their
/// own: the next holder is picked among the urgent waiters first.
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim needs disposing only once its AvailableWaitHandle was used, which it never is here
internal sealed class WriteGate
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly SemaphoreSlim normalLane = new(1, 1);

    public async Task WaitAsync(bool isUrgent = false)
    {
        if (isUrgent)
        {
            await writer.WaitAsync().ConfigureAwait(false);
            return;
        }

        // Normal writers queue one at a time in front of the writer, so an urgent waiter finds at most one ahead of it.
        await normalLane.WaitAsync().ConfigureAwait(false);
        try
        {
            await writer.WaitAsync().ConfigureAwait(false);
        }
        finally
        {
            normalLane.Release();
        }
    }

    public void Release() => writer.Release();
}
