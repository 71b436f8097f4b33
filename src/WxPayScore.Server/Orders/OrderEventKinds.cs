namespace WxPayScore.Server.Orders;

/// <summary>The kinds of entries in an order's history.</summary>
public static class OrderEventKinds
{
    /// <summary>The order was stored and its create request is about to be sent.</summary>
    public const string Created = "created";

    /// <summary>A snapshot moved the order forward (from a create answer, a callback, a query or the reconciler).</summary>
    public const string StateChanged = "state_changed";

    /// <summary>A USER_PAID with more collection details than before (same phase).</summary>
    public const string CollectionUpdated = "collection_updated";

    /// <summary>The amount changed in the same phase (after a modify), seen in a query answer.</summary>
    public const string AmountChanged = "amount_changed";

    /// <summary>An admin action was sent to WeChat (complete, cancel, modify, pay, sync).</summary>
    public const string AdminAction = "admin_action";

    /// <summary>A WeChat call failed (with its code).</summary>
    public const string CallFailed = "call_failed";

    /// <summary>The create never reached WeChat (or was refused).</summary>
    public const string CreateFailed = "create_failed";

    /// <summary>The reconciler repaired a call whose outcome had not been stored.</summary>
    public const string Repaired = "repaired";
}
