using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Server.Orders.SubMerchants;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Security;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>Devices in the admin API (<c>/admin/api/devices</c>) and for the mini program (<c>GET /api/devices/{deviceId}</c>).</summary>
public static class DeviceEndpoints
{
    /// <summary>Largest import body (CSV or JSON lines).</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("/devices", ListAsync).WithName("AdminListDevices").WithSummary("Devices by id, a page at a time (limit ≤ 500, offset); filter by subMerchant.")
            .ProducesProblem(400);
        admin.MapGet("/devices/{deviceId}", GetAsync).WithName("AdminGetDevice").WithSummary("One device.").ProducesProblem(404);
        admin.MapPut("/devices/{deviceId}", PutAsync)
            .AcceptsJsonAfterAuthentication<DeviceInput>()
            .WithName("AdminPutDevice").WithSummary("Creates or replaces a device: sub-merchant, location, plans on sale there (empty = all), enabled.")
            .ProducesProblem(400);
        admin.MapDelete("/devices/{deviceId}", DeleteAsync).WithName("AdminDeleteDevice").WithSummary("Removes a device (its orders keep its id).")
            .ProducesProblem(404);
        admin.MapPost("/devices/import", ImportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithName("AdminImportDevices").WithSummary("Bulk create/replace from CSV (text/csv) or JSON lines (application/x-ndjson): every line stored, or nothing.")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        return admin;
    }

    public static RouteGroupBuilder MapDevicesForMiniProgram(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/devices/{deviceId}", GetForMiniProgramAsync).WithName("GetDevice")
            .WithSummary("After a scan: the device's sub-merchant, location and the plans on sale there.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    private static async Task<Results<Ok<MiniProgramDeviceView>, ProblemHttpResult>> GetForMiniProgramAsync(string deviceId, DeviceService devices,
        SubMerchantCatalog subMerchants, CancellationToken ct)
    {
        if (!DeviceRules.IsValidId(deviceId))
        {
            return Problem(400, ProblemTypes.Validation, "Invalid device id", DeviceRules.IdRule + ".", "deviceId");
        }

        var device = await devices.FindAsync(deviceId, ct);
        var subMerchant = subMerchants.Find(device?.SubMerchant);
        if (device is null || subMerchant is null)
        {
            return Problem(404, ProblemTypes.UnknownDevice, "Unknown device", $"There is no device '{deviceId}'.", "deviceId");
        }

        if (!device.Enabled)
        {
            return Problem(409, ProblemTypes.DeviceDisabled, "Device out of service", $"Device '{deviceId}' is disabled; try another one.", "deviceId");
        }

        var plans = device.PlanIds.Count == 0 ? subMerchant.PlanViews : subMerchant.PlanViews.Where(p => device.PlanIds.Contains(p.Id)).ToArray();
        return TypedResults.Ok(new MiniProgramDeviceView(device.DeviceId, subMerchant.Key, subMerchant.Name, device.Location, plans));
    }

    private static async Task<Results<Ok<DeviceList>, ProblemHttpResult>> ListAsync(DeviceService devices, string? subMerchant, int? limit, int? offset,
        CancellationToken ct)
    {
        if (limit is < 1 or > DeviceService.MaxPageSize)
        {
            return Problem(400, ProblemTypes.Validation, "Invalid limit", $"limit must be between 1 and {DeviceService.MaxPageSize}.", "limit");
        }

        if (offset < 0)
        {
            return Problem(400, ProblemTypes.Validation, "Invalid offset", "offset must be ≥ 0.", "offset");
        }

        return TypedResults.Ok(await devices.ListAsync(subMerchant, limit ?? 50, offset ?? 0, ct));
    }

    private static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetAsync(string deviceId, DeviceService devices, CancellationToken ct) =>
        await devices.FindAsync(deviceId, ct) is { } device
            ? TypedResults.Ok(devices.View(device))
            : Problem(404, ProblemTypes.NotFound, "Unknown device", $"There is no device '{DeviceService.Clip(deviceId)}'.", "deviceId");

    private static async Task<Results<Ok<DeviceView>, Created<DeviceView>, ProblemHttpResult>> PutAsync(string deviceId, DeviceInput? input, DeviceService devices,
        CancellationToken ct)
    {
        var (device, errors) = devices.Check(deviceId, input);
        if (device is null)
        {
            return Invalid(errors);
        }

        var (view, created) = await devices.PutAsync(device, ct);
        return created ? TypedResults.Created($"/admin/api/devices/{Uri.EscapeDataString(deviceId)}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string deviceId, DeviceService devices, CancellationToken ct) =>
        await devices.DeleteAsync(deviceId, ct)
            ? TypedResults.NoContent()
            : Problem(404, ProblemTypes.NotFound, "Unknown device", $"There is no device '{DeviceService.Clip(deviceId)}'.", "deviceId");

    private static async Task<Results<Ok<DeviceImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, DeviceService devices, CancellationToken ct)
    {
        var contentType = request.ContentType;
        var csv = DeviceImportParser.IsCsv(contentType);
        if (!csv && !DeviceImportParser.IsJsonLines(contentType))
        {
            return Problem(415, ProblemTypes.Validation, "Unsupported import format",
                "Send CSV (Content-Type: text/csv) or JSON lines (Content-Type: application/x-ndjson).", "Content-Type");
        }

        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        var (lines, errors) = DeviceImportParser.Parse(text, csv);
        if (lines.Count + errors.Count > DeviceService.MaxImportLines)
        {
            return Problem(400, ProblemTypes.Validation, "Too many lines", $"An import holds at most {DeviceService.MaxImportLines} devices.", "body");
        }

        var records = new List<DeviceRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, input) in lines)
        {
            var (device, lineErrors) = devices.Check(input.DeviceId, input, line);
            errors.AddRange(lineErrors);
            if (device is null)
            {
                continue;
            }

            if (seen.TryGetValue(device.DeviceId, out var first))
            {
                errors.Add(new("deviceId", $"'{device.DeviceId}' is also on line {first}.", line));
                continue;
            }

            seen[device.DeviceId] = line;
            records.Add(device);
        }

        if (errors.Count == 0 && records.Count == 0)
        {
            errors.Add(new("body", csv ? "The CSV has no device after its header." : "The body has no device line.", null));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        return TypedResults.Ok(await devices.ImportAsync(records, ct));
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<DeviceInputError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = 400, Type = ProblemTypes.Validation, Title = "Invalid device",
            Detail = string.Join(" ", errors.Take(5).Select(e => (e.Line is { } line ? $"Line {line}: " : string.Empty) + e.Message)) +
                (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty) + " Nothing was stored.",
        };
        problem.Extensions["field"] = errors[0].Field;
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, string field) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail, Extensions = { ["field"] = field } });
}
