namespace WxPayScore.ServiceOrders;

/// <summary>
/// A validated, serialised create request. Keep <see cref="Body"/> to retry: WeChat accepts an identical re-create
/// ("原参重入") and rejects a changed one, so a retry must send these very bytes.
/// </summary>
public sealed record ServiceOrderCreateRequest(string SubMchId, string OutOrderNo, byte[] Body);
