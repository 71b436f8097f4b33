using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>
/// An order's phase as stored and shown: the WeChat phase (from <c>state</c>, <c>state_description</c> and
/// <c>collection.state</c> together) plus two local ones for a create whose answer is not known yet or was a refusal.
/// </summary>
public static class OrderPhases
{
    /// <summary>Stored, create sent (or about to be); WeChat's answer not stored yet.</summary>
    public const string Creating = "CREATING";

    /// <summary>WeChat refused the create, or the reconciler found that it never existed.</summary>
    public const string CreateFailed = "CREATE_FAILED";

    public const string Created = "CREATED";
    public const string UserConfirmed = "USER_CONFIRMED";
    public const string AwaitingPayment = "AWAITING_PAYMENT";
    public const string Done = "DONE";
    public const string Revoked = "REVOKED";
    public const string Expired = "EXPIRED";
    public const string Unknown = "UNKNOWN";

    public static IReadOnlyList<string> All { get; } =
        [Creating, CreateFailed, Created, UserConfirmed, AwaitingPayment, Done, Revoked, Expired];

    public static string From(ServiceOrderPhase phase) => phase switch
    {
        ServiceOrderPhase.Created => Created,
        ServiceOrderPhase.UserConfirmed => UserConfirmed,
        ServiceOrderPhase.AwaitingPayment => AwaitingPayment,
        ServiceOrderPhase.Done => Done,
        ServiceOrderPhase.Revoked => Revoked,
        ServiceOrderPhase.Expired => Expired,
        _ => Unknown,
    };

    public static bool IsTerminal(string phase) => phase is CreateFailed or Done or Revoked or Expired;

    public static bool IsKnown(string? phase) => phase is not null && (All.Contains(phase) || phase == Unknown);
}
