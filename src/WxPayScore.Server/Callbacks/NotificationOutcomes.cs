namespace WxPayScore.Server.Callbacks;

/// <summary>What was done with a callback delivery.</summary>
public static class NotificationOutcomes
{
    /// <summary>Verified; moved the order forward.</summary>
    public const string Applied = "applied";

    /// <summary>Verified, first delivery of this id, but the order was already there or further (out of order).</summary>
    public const string NoChange = "no_change";

    /// <summary>Verified; this notification id was processed before.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Refused: verification failed (see the verification result).</summary>
    public const string Rejected = "rejected";

    /// <summary>Verified, but about an order this server does not have.</summary>
    public const string UnknownOrder = "unknown_order";

    /// <summary>Verified, of an event type this server does not act on.</summary>
    public const string Ignored = "ignored";

    /// <summary>Verified, but storing it failed; WeChat will retry.</summary>
    public const string Failed = "failed";
}
