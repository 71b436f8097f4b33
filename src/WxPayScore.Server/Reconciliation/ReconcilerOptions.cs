namespace WxPayScore.Server.Reconciliation;

/// <summary>The background reconciler (section <c>Reconciler</c>).</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the reconciler looks for due orders.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A CREATED order is first checked this long after its creation.</summary>
    public TimeSpan CreatedAge { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A create whose outcome was not stored is checked this long after it was sent (longer than the SDK's total timeout).</summary>
    public TimeSpan PendingCreateGrace { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>First re-check delay of a DOING or USER_PAYING order; doubles while nothing changes, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan ActiveInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Orders claimed per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long the journal keeps the rows of read-only calls (queries, login exchanges) once they have an outcome;
    /// <c>0</c> keeps them forever. Rows of state-changing calls are always kept.
    /// </summary>
    public TimeSpan ReadOnlyCallRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a claim keeps other instances away from an order.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
