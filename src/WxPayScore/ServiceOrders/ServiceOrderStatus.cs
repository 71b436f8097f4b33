namespace WxPayScore.ServiceOrders;

/// <summary>
/// The typed state of an order. WeChat says to judge an order by <c>state</c>, <c>state_description</c> and
/// <c>collection.state</c> together; this type does exactly that and answers the questions a merchant asks.
/// </summary>
public readonly record struct ServiceOrderStatus(string? State, string? StateDescription, string? CollectionState)
{
    public const string Created = "CREATED";
    public const string Doing = "DOING";
    public const string Done = "DONE";
    public const string Revoked = "REVOKED";
    public const string Expired = "EXPIRED";
    public const string UserConfirm = "USER_CONFIRM";
    public const string MchComplete = "MCH_COMPLETE";
    public const string UserPaying = "USER_PAYING";
    public const string UserPaid = "USER_PAID";

    public static ServiceOrderStatus From(string? state, string? stateDescription, string? collectionState) =>
        new(state, stateDescription, collectionState);

    public ServiceOrderPhase Phase => (State, StateDescription, CollectionState) switch
    {
        (Created, _, _) => ServiceOrderPhase.Created,
        (Doing, UserConfirm, _) => ServiceOrderPhase.UserConfirmed,
        (Doing, MchComplete, UserPaid) => ServiceOrderPhase.Done,
        (Doing, MchComplete, _) => ServiceOrderPhase.AwaitingPayment,
        (Done, _, _) => ServiceOrderPhase.Done,
        (Revoked, _, _) => ServiceOrderPhase.Revoked,
        (Expired, _, _) => ServiceOrderPhase.Expired,
        _ => ServiceOrderPhase.Unknown,
    };

    /// <summary>The user has confirmed the order (it is past CREATED and was not merely cancelled or expired).</summary>
    public bool IsConfirmedByUser => Phase is ServiceOrderPhase.UserConfirmed or ServiceOrderPhase.AwaitingPayment or ServiceOrderPhase.Done;

    public bool IsAwaitingPayment => Phase == ServiceOrderPhase.AwaitingPayment;

    /// <summary>The order is finished and nothing is owed (collected, synced as paid, or a zero-amount completion).</summary>
    public bool IsPaid => Phase == ServiceOrderPhase.Done;

    public bool IsTerminal => Phase is ServiceOrderPhase.Done or ServiceOrderPhase.Revoked or ServiceOrderPhase.Expired;

    public bool CanCancel => Phase is ServiceOrderPhase.Created or ServiceOrderPhase.UserConfirmed or ServiceOrderPhase.AwaitingPayment;

    public bool CanComplete => Phase == ServiceOrderPhase.UserConfirmed;

    public bool CanModify => Phase == ServiceOrderPhase.AwaitingPayment;

    public bool CanPay => Phase == ServiceOrderPhase.AwaitingPayment;

    public bool CanSync => Phase == ServiceOrderPhase.AwaitingPayment;

    /// <summary>A rank that only grows along legal transitions; used to apply snapshots monotonically.</summary>
    public int Rank => Phase switch
    {
        ServiceOrderPhase.Created => 1,
        ServiceOrderPhase.UserConfirmed => 2,
        ServiceOrderPhase.AwaitingPayment => 3,
        ServiceOrderPhase.Done or ServiceOrderPhase.Revoked or ServiceOrderPhase.Expired => 4,
        _ => 0,
    };

    public void EnsureCanComplete() => Ensure(CanComplete, "complete", "DOING/USER_CONFIRM");

    public void EnsureCanCancel() => Ensure(CanCancel, "cancel", "CREATED, DOING/USER_CONFIRM or DOING/MCH_COMPLETE+USER_PAYING");

    public void EnsureCanModify() => Ensure(CanModify, "modify", "DOING/MCH_COMPLETE+USER_PAYING");

    public void EnsureCanPay() => Ensure(CanPay, "pay", "DOING/MCH_COMPLETE+USER_PAYING");

    public void EnsureCanSync() => Ensure(CanSync, "sync", "DOING/MCH_COMPLETE+USER_PAYING");

    public override string ToString() =>
        string.Join('/', new[] { State, StateDescription, CollectionState }.Where(s => !string.IsNullOrEmpty(s)));

    private void Ensure(bool allowed, string operation, string allowedStates)
    {
        if (!allowed)
        {
            throw new InvalidServiceOrderStateException(operation, this, allowedStates);
        }
    }
}
