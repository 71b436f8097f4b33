namespace WxPayScore.Server.Admin;

/// <summary>A fee line at completion or modification: the line's total amount in fen (not a unit price).</summary>
public sealed record FeeLineRequest(string? Name, long? Amount, string? Description, int? Count);
