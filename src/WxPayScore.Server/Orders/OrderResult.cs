namespace WxPayScore.Server.Orders;

/// <summary>An order operation's result: its value, or why there is none.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class OrderResult<T>
    where T : class
{
    private OrderResult(T? value, OrderError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public OrderError? Error { get; }

#pragma warning disable CA2225 // the conversions are the way to make one: a service returns its value or its error
    public static implicit operator OrderResult<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator OrderResult<T>(OrderError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
#pragma warning restore CA2225
}
