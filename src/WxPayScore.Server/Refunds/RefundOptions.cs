namespace WxPayScore.Server.Refunds;

/// <summary>How the server follows refunds up (section <c>Refunds</c>); the refunds' <c>notify_url</c> is <c>PayScore:RefundNotifyUrl</c>.</summary>
public sealed class RefundOptions
{
    public const string SectionName = "Refunds";

    /// <summary>
    /// When the reconciler first asks WeChat about a refund: after a PROCESSING answer (refunds.md §4: poll 1 min after
    /// applying), and after a create whose answer never came. Doubles on each check that changes nothing.
    /// </summary>
    public TimeSpan CheckDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two checks of one refund (bank cards take days).</summary>
    public TimeSpan MaxCheckInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Refunds claimed per reconciler round.</summary>
    public int BatchSize { get; set; } = 50;
}
