using System.Text.Json;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>The answer of POST /api/orders.</summary>
public sealed record CreatedOrder(string OutOrderNo, string Package, JsonElement Body);
