namespace WxPayScore.Server.Admin;

/// <summary>A merchant discount line, amount in fen.</summary>
public sealed record DiscountLineRequest(string? Name, string? Description, long? Amount, int? Count);
