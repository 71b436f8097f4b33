namespace WxPayScore.Sandbox.Orders;

/// <summary>
/// What one step of the <see cref="OrderStateMachine"/> did to an order: whether it changed (a new <c>updated_at</c>),
/// whether it must be saved anyway (a package spent), which callbacks to send, and what to log.
/// </summary>
internal sealed class OrderChanges
{
    private readonly List<string> events = [];
    private readonly List<string> notes = [];

    public bool Changed { get; private set; }

    public bool MustSave { get; private set; }

    /// <summary>Callback event types to publish for the order's snapshot after this step, in order.</summary>
    public IReadOnlyList<string> Events => events;

    public IReadOnlyList<string> Notes => notes;

    public void Change() => Changed = MustSave = true;

    public void Save() => MustSave = true;

    public void Publish(string eventType)
    {
        Change();
        events.Add(eventType);
    }

    public void Note(string note) => notes.Add(note);
}
