namespace WxPayScore.ServiceOrders;

/// <summary>
/// The typed state of an order. WeChat says to judge an order by <c>state</c>, <c>state_description</c> and
/// <c>collection.state</c> together; this type does exactly that and answers the questions a merchant asks.
/// </summary>
public readonly record struct ServiceOrderStatus(string? State, string? StateDescription, string? CollectionState)
{
    /// <summary><c>state</c>: created, not yet confirmed by the user.</summary>
    public const string Created = "CREATED";
    /// <summary><c>state</c>: in service or awaiting payment.</summary>
    public const string Doing = "DOING";
    /// <summary><c>state</c>: finished and paid.</summary>
    public const string Done = "DONE";
    /// <summary><c>state</c>: cancelled.</summary>
    public const string Revoked = "REVOKED";
    /// <summary><c>state</c>: not confirmed in time.</summary>
    public const string Expired = "EXPIRED";
    /// <summary><c>state_description</c>: the user confirmed.</summary>
    public const string UserConfirm = "USER_CONFIRM";
    /// <summary><c>state_description</c>: the merchant completed the order.</summary>
    public const string MchComplete = "MCH_COMPLETE";
    /// <summary><c>collection.state</c>: payment in progress.</summary>
    public const string UserPaying = "USER_PAYING";
    /// <summary><c>collection.state</c>: paid.</summary>
    public const string UserPaid = "USER_PAID";

    /// <summary>The status from <c>state</c>, <c>state_description</c> and <c>collection.state</c>.</summary>
    public static ServiceOrderStatus From(string? state, string? stateDescription, string? collectionState) =>
        new(state, stateDescription, collectionState);

    /// <summary>The three fields read together as one phase.</summary>
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

    /// <summary>Completed, not yet paid.</summary>
    public bool IsAwaitingPayment => Phase == ServiceOrderPhase.AwaitingPayment;

    /// <summary>The order is finished and nothing is owed (collected, synced as paid, or a zero-amount completion).</summary>
    public bool IsPaid => Phase == ServiceOrderPhase.Done;

    /// <summary>Done, revoked or expired: nothing more can happen.</summary>
    public bool IsTerminal => Phase is ServiceOrderPhase.Done or ServiceOrderPhase.Revoked or ServiceOrderPhase.Expired;

    /// <summary>Whether cancel is allowed now.</summary>
    public bool CanCancel => Phase is ServiceOrderPhase.Created or ServiceOrderPhase.UserConfirmed or ServiceOrderPhase.AwaitingPayment;

    /// <summary>Whether complete is allowed now.</summary>
    public bool CanComplete => Phase == ServiceOrderPhase.UserConfirmed;

    /// <summary>Whether modify is allowed now.</summary>
    public bool CanModify => Phase == ServiceOrderPhase.AwaitingPayment;

    /// <summary>Whether pay (collect again) is allowed now.</summary>
    public bool CanPay => Phase == ServiceOrderPhase.AwaitingPayment;

    /// <summary>Whether sync (paid another way) is allowed now.</summary>
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

    /// <summary>Throws <see cref="InvalidServiceOrderStateException"/> unless complete is allowed.</summary>
    public void EnsureCanComplete() => Ensure(CanComplete, "complete", "DOING/USER_CONFIRM");

    /// <summary>Throws <see cref="InvalidServiceOrderStateException"/> unless cancel is allowed.</summary>
    public void EnsureCanCancel() => Ensure(CanCancel, "cancel", "CREATED, DOING/USER_CONFIRM or DOING/MCH_COMPLETE+USER_PAYING");

    /// <summary>Throws <see cref="InvalidServiceOrderStateException"/> unless modify is allowed.</summary>
    public void EnsureCanModify() => Ensure(CanModify, "modify", "DOING/MCH_COMPLETE+USER_PAYING");

    /// <summary>Throws <see cref="InvalidServiceOrderStateException"/> unless pay is allowed.</summary>
    public void EnsureCanPay() => Ensure(CanPay, "pay", "DOING/MCH_COMPLETE+USER_PAYING");

    /// <summary>Throws <see cref="InvalidServiceOrderStateException"/> unless sync is allowed.</summary>
    public void EnsureCanSync() => Ensure(CanSync, "sync", "DOING/MCH_COMPLETE+USER_PAYING");

    /// <summary>The three fields, e.g. <c>DOING/MCH_COMPLETE/USER_PAYING</c>.</summary>
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
