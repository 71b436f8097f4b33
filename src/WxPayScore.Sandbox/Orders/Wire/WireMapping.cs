using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>Copies decoded (and checked) wire parts into the order snapshot that queries and callbacks answer with.</summary>
internal static class WireMapping
{
    public static IReadOnlyList<PostPayment>? Payments(List<WirePayment?>? lines) =>
        lines?.Select(p => new PostPayment { Name = p!.Name, Amount = p.Amount, Description = p.Description, Count = p.Count }).ToArray();

    public static IReadOnlyList<PostDiscount>? Discounts(List<WireDiscount?>? lines) =>
        lines?.Select(d => new PostDiscount { Name = d!.Name, Description = d.Description, Amount = d.Amount, Count = d.Count }).ToArray();

    public static RiskFund RiskFund(WireRiskFund risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return new RiskFund { Name = risk.Name!, Amount = risk.Amount!.Value, Description = risk.Description };
    }

    public static Location? Location(WireLocation? location) =>
        location is null ? null : new Location { StartLocation = location.StartLocation, EndLocation = location.EndLocation };
}
