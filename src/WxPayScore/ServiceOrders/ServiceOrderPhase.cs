namespace WxPayScore.ServiceOrders;

/// <summary>Where an order stands in the state machine (spec §9), from the three state fields together.</summary>
public enum ServiceOrderPhase
{
    /// <summary>A combination this library does not know (WeChat added a value).</summary>
    Unknown = 0,

    /// <summary>CREATED: waiting for the user's confirmation.</summary>
    Created,

    /// <summary>DOING / USER_CONFIRM: the user confirmed; the service is in progress.</summary>
    UserConfirmed,

    /// <summary>DOING / MCH_COMPLETE with collection USER_PAYING: completed, money being collected.</summary>
    AwaitingPayment,

    /// <summary>DONE: collected (USER_PAID), synced as paid, or completed with zero amount.</summary>
    Done,

    /// <summary>REVOKED: cancelled by the merchant.</summary>
    Revoked,

    /// <summary>EXPIRED: stayed CREATED for more than 30 days.</summary>
    Expired,
}
