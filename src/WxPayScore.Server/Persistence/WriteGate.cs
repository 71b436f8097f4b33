namespace WxPayScore.Server.Persistence;

/// <summary>
/// SQLite's one writer inside the process, as a queue: a holder at a time, handed over in arrival order, except that
/// waiters marked urgent (the journal's batches: a few rows, one short statement each) go first. Queueing here instead
/// of in SQLite avoids its busy-retry sleeps.
/// </summary>
internal sealed class WriteGate
{
    private readonly Lock sync = new();
    private readonly Queue<TaskCompletionSource> waiting = new();
    private readonly Queue<TaskCompletionSource> urgent = new();
    private bool held;

    public Task WaitAsync(bool isUrgent = false)
    {
        lock (sync)
        {
            if (!held)
            {
                held = true;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (isUrgent ? urgent : waiting).Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Release()
    {
        TaskCompletionSource? next;
        lock (sync)
        {
            if (!urgent.TryDequeue(out next) && !waiting.TryDequeue(out next))
            {
                held = false;
                return;
            }
        }

        next.SetResult();
    }
}
