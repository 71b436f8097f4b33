namespace WxPayScore.Server.Reconciliation;

/// <summary>The background reconciler (section <c>Reconciler</c>; the orders' schedule settings there are <see cref="Orders.OrderScheduleOptions"/>).</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the reconciler looks for due orders.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

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
