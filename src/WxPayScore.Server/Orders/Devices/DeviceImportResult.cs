namespace WxPayScore.Server.Orders.Devices;

/// <summary>The outcome of an import: every line stored (created or updated), or nothing.</summary>
public sealed record DeviceImportResult(int Imported, int Created, int Updated);
