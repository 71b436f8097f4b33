namespace WxPayScore.Server.Orders;

/// <summary>
/// When an order is looked at again (its <c>next_reconcile_at</c>): order settings, read from the section
/// <c>Reconciler</c> where they have always been configured, beside the reconciler's own settings.
/// </summary>
public sealed class OrderScheduleOptions
{
    public const string SectionName = "Reconciler";

    /// <summary>A CREATED order is first checked this long after its creation.</summary>
    public TimeSpan CreatedAge { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A create whose outcome was not stored is checked this long after it was sent (longer than the SDK's total timeout).</summary>
    public TimeSpan PendingCreateGrace { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>First re-check delay of a DOING or USER_PAYING order; doubles while nothing changes, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan ActiveInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);
}
