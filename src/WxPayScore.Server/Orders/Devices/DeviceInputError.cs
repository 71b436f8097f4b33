namespace WxPayScore.Server.Orders.Devices;

/// <summary>One thing wrong with a device input: the field, why, and (in an import) the line.</summary>
public sealed record DeviceInputError(string Field, string Message, int? Line = null);
