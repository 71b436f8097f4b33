using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>What a device id, location and plan list may be.</summary>
public static class DeviceRules
{
    /// <summary>WeChat's limit of <c>device.start_device_id</c>/<c>end_device_id</c> (payscore-partner-api.md §2.1).</summary>
    public const int MaxDeviceIdLength = DeviceRecord.MaxDeviceIdLength;

    /// <summary>The limit of <c>location.start_location</c>/<c>end_location</c>.</summary>
    public const int MaxLocationLength = DeviceRecord.MaxLocationLength;

    /// <summary>A 小程序码's <c>scene</c> holds at most 32 characters: longer ids only work with ordinary QR links.</summary>
    public const int MaxSceneLength = 32;

    /// <summary>1 to 50 ASCII letters, digits, '-' or '_' (safe in a scene, a URL path and a CSV cell alike).</summary>
    public static bool IsValidId(string? deviceId) =>
        deviceId is { Length: > 0 and <= MaxDeviceIdLength } && deviceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string IdRule => $"a device id is 1 to {MaxDeviceIdLength} letters, digits, '-' or '_' (WeChat's device.start_device_id limit)";
}
