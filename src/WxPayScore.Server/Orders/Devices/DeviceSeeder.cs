using Microsoft.Extensions.Options;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>
/// Seeds the devices named in configuration (<c>Devices:{deviceId}</c> with <c>SubMerchant</c>, <c>Location</c>,
/// <c>Plans</c>, <c>Enabled</c>) at start-up: those not stored yet are inserted, existing ones are left as the admin
/// API made them. A bad entry stops the start with a message naming its key.
/// </summary>
public sealed class DeviceSeeder(IConfiguration configuration, DeviceService devices, ILogger<DeviceSeeder> logger)
{
    public const string SectionName = "Devices";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(SectionName);
        var seed = new List<DeviceRecord>();
        var errors = new List<string>();
        foreach (var entry in section.GetChildren())
        {
            var input = new DeviceInput(entry["SubMerchant"], entry["Location"], entry.GetSection("Plans").Get<string[]>() ?? [],
                bool.TryParse(entry["Enabled"], out var enabled) ? enabled : null);
            if (entry["Enabled"] is { Length: > 0 } text && !bool.TryParse(text, out _))
            {
                errors.Add($"{SectionName}:{entry.Key}:Enabled is true or false; got '{text}'.");
            }

            var (device, problems) = devices.Check(entry.Key, input);
            errors.AddRange(problems.Select(p => $"{SectionName}:{entry.Key}:{Key(p.Field)}: {p.Message}"));
            if (device is not null)
            {
                seed.Add(device);
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(DeviceInput), errors);
        }

        if (seed.Count > 0)
        {
            var created = await devices.SeedAsync(seed, cancellationToken);
            logger.LogInformation("Devices from configuration: {Created} added, {Kept} already stored", created, seed.Count - created);
        }
    }

    private static string Key(string field) => field switch
    {
        "subMerchant" => "SubMerchant",
        "location" => "Location",
        "plans" => "Plans",
        "deviceId" => "(device id)",
        _ => field,
    };
}
