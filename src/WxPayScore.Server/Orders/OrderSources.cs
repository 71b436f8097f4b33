namespace WxPayScore.Server.Orders;

/// <summary>Who caused an order history entry.</summary>
public static class OrderSources
{
    public const string Api = "api";
    public const string Callback = "callback";
    public const string Query = "query";
    public const string Reconciler = "reconciler";
    public const string Admin = "admin";
}
