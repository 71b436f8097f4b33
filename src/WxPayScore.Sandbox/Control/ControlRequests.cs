using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Control;

/// <summary><c>POST /sandbox/users/{user}/login-code</c>.</summary>
internal sealed record LoginCodeRequest([property: JsonPropertyName("appid")] string? AppId);

/// <summary><c>POST /sandbox/confirm</c>.</summary>
internal sealed record ConfirmRequest(
    [property: JsonPropertyName("package")] string? Package,
    [property: JsonPropertyName("user")] string? User);

/// <summary><c>POST /sandbox/orders/{sub_mchid}/{out_order_no}/payment</c>; <c>amount</c> (fen) collects only that part.</summary>
internal sealed record PaymentRequest(
    [property: JsonPropertyName("succeed")] bool Succeed,
    [property: JsonPropertyName("amount")] long? Amount = null);

/// <summary><c>POST /sandbox/clock/advance</c>.</summary>
internal sealed record AdvanceRequest([property: JsonPropertyName("seconds")] long Seconds);

/// <summary>The error body of the control API.</summary>
internal sealed record ControlError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary><c>POST /sandbox/refunds/funds/{sub_mchid}</c>: balance mode (<c>unlimited</c>, <c>reject</c>, <c>queue</c>) and balance in fen.</summary>
internal sealed record RefundFundsRequest(
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("balance")] long? Balance);

/// <summary><c>POST /sandbox/refunds/abnormal</c>: refunds of this transaction go ABNORMAL when they settle.</summary>
internal sealed record RefundAbnormalInjection([property: JsonPropertyName("transaction_id")] string? TransactionId);
