namespace WxPayScore.Server.Orders;

/// <summary>The kinds of <see cref="OrderError"/>.</summary>
public enum OrderErrorKind
{
    /// <summary>The input is not acceptable (nothing was stored or sent).</summary>
    Invalid,

    /// <summary>The plan named does not exist.</summary>
    UnknownPlan,

    /// <summary>No such order (for this user).</summary>
    NotFound,

    /// <summary>The order's state does not allow the operation (nothing was sent).</summary>
    WrongState,

    /// <summary>The total does not equal Σ fees − Σ discounts, or is negative (see <see cref="OrderError.Expected"/>).</summary>
    TotalMismatch,

    /// <summary>The user already has as many orders waiting for confirmation as allowed.</summary>
    TooManyOpenOrders,

    /// <summary>WeChat Pay refused the call or did not answer (see <see cref="OrderError.WeChat"/>).</summary>
    WeChatFailed,

    /// <summary>The refund cannot be made (more than is refundable, nothing refundable through WeChat, limits): see <see cref="OrderError.Reason"/>; nothing was written or sent.</summary>
    NotRefundable,

    /// <summary>WeChat Pay answered a create without the package the confirm page needs.</summary>
    NoPackage,

    /// <summary>The device named does not exist (nothing was stored or sent).</summary>
    UnknownDevice,

    /// <summary>The device named is disabled.</summary>
    DeviceDisabled,

    /// <summary>The plan exists but is not on sale at that device or for that sub-merchant.</summary>
    PlanNotAllowed,

    /// <summary>The caller's mini program does not serve that sub-merchant.</summary>
    WrongMiniProgram,
}
