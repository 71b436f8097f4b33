namespace WxPayScore.Server.Persistence;

/// <summary>An order's column values as inserted (see <see cref="OrderCreateWriter.Capture"/>).</summary>
public sealed class OrderBaseline
{
    internal OrderBaseline(long orderId, object?[] values)
    {
        OrderId = orderId;
        Values = values;
    }

    public long OrderId { get; }

    internal IReadOnlyList<object?> Values { get; }
}
