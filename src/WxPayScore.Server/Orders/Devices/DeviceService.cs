using WxPayScore.Server.Orders.SubMerchants;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>
/// Devices: checked against the rules and the configured sub-merchants and plans (every bad input named, nothing
/// written), then stored by the named transactions of <see cref="OrderWrites"/> (read through <see cref="OrderReads"/>).
/// </summary>
public sealed class DeviceService(OrderReads reads, OrderWrites writes, SubMerchantCatalog subMerchants, TimeProvider time)
{
    public const int MaxPageSize = 500;
    public const int MaxImportLines = 10_000;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken) => reads.FindDeviceAsync(deviceId, cancellationToken);

    public async Task<DeviceList> ListAsync(string? subMerchant, int limit, int offset, CancellationToken cancellationToken)
    {
        var (total, items) = await reads.ListDevicesAsync(subMerchant, limit, offset, cancellationToken);
        return new DeviceList(total, limit, offset, items.Select(View).ToArray());
    }

    /// <summary>Checks one input; the record to store, or what is wrong with it.</summary>
    public (DeviceRecord? Device, IReadOnlyList<DeviceInputError> Errors) Check(string? deviceId, DeviceInput? input, int? line = null)
    {
        var errors = new List<DeviceInputError>();
        if (!DeviceRules.IsValidId(deviceId))
        {
            errors.Add(new("deviceId", $"'{Clip(deviceId)}': {DeviceRules.IdRule}.", line));
        }

        if (input is null)
        {
            errors.Add(new("body", "A device needs { \"subMerchant\", \"location\", \"plans\"?, \"enabled\"? }.", line));
            return (null, errors);
        }

        var subMerchant = subMerchants.Find(input.SubMerchant);
        if (subMerchant is null)
        {
            errors.Add(new("subMerchant", $"'{Clip(input.SubMerchant)}' is not a configured sub-merchant (known: {string.Join(", ", subMerchants.All.Select(s => s.Key))}).", line));
        }

        var location = input.Location?.Trim();
        if (string.IsNullOrEmpty(location) || location.Length > DeviceRules.MaxLocationLength)
        {
            errors.Add(new("location", $"location is required, at most {DeviceRules.MaxLocationLength} characters (sent as location.start_location).", line));
        }

        var plans = (input.Plans ?? []).Select(p => p?.Trim() ?? string.Empty).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var plan in plans)
        {
            if (subMerchant is not null && !subMerchant.Plans.ContainsKey(plan))
            {
                errors.Add(new("plans", $"'{Clip(plan)}' is not a plan of {subMerchant.Key} (known: {string.Join(", ", subMerchant.Plans.Keys.Order(StringComparer.Ordinal))}).", line));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new DeviceRecord
        {
            DeviceId = deviceId!, SubMerchant = subMerchant!.Key, Location = location!, Plans = string.Join(',', plans), Enabled = input.Enabled ?? true,
        }, errors);
    }

    public async Task<(DeviceView Device, bool Created)> PutAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        var (stored, created) = await writes.PutDeviceAsync(device, Now, cancellationToken);
        return (View(stored), created);
    }

    public Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken) => writes.DeleteDeviceAsync(deviceId, cancellationToken);

    /// <summary>Imports checked devices in one transaction (the caller checked every line first).</summary>
    public async Task<DeviceImportResult> ImportAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var (created, updated) = await writes.ImportDevicesAsync(devices, Now, cancellationToken);
        return new DeviceImportResult(devices.Count, created, updated);
    }

    /// <summary>Inserts the devices not stored yet (the configuration's <c>Devices</c> seed); existing ones are left as the admin made them.</summary>
    public Task<int> SeedAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken) =>
        writes.SeedDevicesAsync(devices, Now, cancellationToken);

    public DeviceView View(DeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceView(device.DeviceId, device.SubMerchant, subMerchants.Find(device.SubMerchant)?.Name, device.Location, device.PlanIds,
            device.Enabled, DateTimeOffset.FromUnixTimeMilliseconds(device.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(device.UpdatedAt));
    }

    internal static string Clip(string? text) => text is null ? string.Empty : text.Length > 64 ? text[..64] + "…" : text;
}
