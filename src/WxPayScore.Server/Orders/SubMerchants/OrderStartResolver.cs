using WxPayScore.Server.Orders.Devices;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Sessions;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>
/// Decides where a new order goes, before anything is stored or sent: the device's sub-merchant (enabled device, plan
/// on sale there), or — without a device — the one sub-merchant that accepts orders without one and sells the plan;
/// and whether the caller's mini program serves that sub-merchant (its own → <c>sub_appid</c>, the provider's → none).
/// </summary>
public sealed class OrderStartResolver(SubMerchantCatalog subMerchants, OrderReads reads)
{
    public async Task<(OrderStart? Start, OrderError? Error)> ResolveAsync(SessionUser user, string? planId, string? deviceId, string? subMerchantKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(planId))
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "planId is required", "The body must name a plan: { \"planId\": \"…\" } (see GET /api/plans).")
            {
                Field = "planId",
            });
        }

        if (!string.IsNullOrEmpty(subMerchantKey) && subMerchants.Find(subMerchantKey) is null)
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "Unknown sub-merchant", $"There is no sub-merchant '{DeviceService.Clip(subMerchantKey)}'.")
            {
                Field = "subMerchant",
            });
        }

        return string.IsNullOrEmpty(deviceId)
            ? WithoutDevice(user, planId, subMerchantKey)
            : await AtDeviceAsync(user, planId, deviceId, subMerchantKey, cancellationToken);
    }

    private async Task<(OrderStart?, OrderError?)> AtDeviceAsync(SessionUser user, string planId, string deviceId, string? subMerchantKey,
        CancellationToken cancellationToken)
    {
        if (!DeviceRules.IsValidId(deviceId))
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "Invalid device id", DeviceRules.IdRule + ".") { Field = "deviceId" });
        }

        var device = await reads.FindDeviceAsync(deviceId, cancellationToken);
        var subMerchant = subMerchants.Find(device?.SubMerchant);
        if (device is null || subMerchant is null)
        {
            return Fail(new OrderError(OrderErrorKind.UnknownDevice, "Unknown device", $"There is no device '{deviceId}'.") { Field = "deviceId" });
        }

        if (!device.Enabled)
        {
            return Fail(new OrderError(OrderErrorKind.DeviceDisabled, "Device out of service", $"Device '{deviceId}' is disabled; try another one.")
            {
                Field = "deviceId",
            });
        }

        if (subMerchantKey is not null && subMerchantKey.Length > 0 && subMerchantKey != subMerchant.Key)
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "Device of another sub-merchant", $"Device '{deviceId}' belongs to {subMerchant.Key}, not {subMerchantKey}.")
            {
                Field = "subMerchant",
            });
        }

        if (!subMerchant.Plans.TryGetValue(planId, out var plan) || (device.PlanIds.Count > 0 && !device.PlanIds.Contains(planId)))
        {
            var onSale = device.PlanIds.Count > 0 ? device.PlanIds : subMerchant.Plans.Keys.Order(StringComparer.Ordinal).ToList();
            return Fail(new OrderError(IsAnyPlan(planId) ? OrderErrorKind.PlanNotAllowed : OrderErrorKind.UnknownPlan,
                IsAnyPlan(planId) ? "Plan not on sale here" : "Unknown plan",
                $"Plan '{DeviceService.Clip(planId)}' is not on sale at device '{deviceId}'. Plans there: {string.Join(", ", onSale)}.")
            {
                Field = "planId",
            });
        }

        if (!subMerchant.TryRouteFor(user.AppId, out var subAppId))
        {
            return Fail(WrongMiniProgram(subMerchant));
        }

        return (new OrderStart(subMerchant, planId, plan, subAppId, device.DeviceId, device.Location), null);
    }

    private (OrderStart?, OrderError?) WithoutDevice(SessionUser user, string planId, string? subMerchantKey)
    {
        var candidates = subMerchants.All
            .Where(s => s.AllowsOrdersWithoutDevice && (string.IsNullOrEmpty(subMerchantKey) || s.Key == subMerchantKey))
            .ToList();
        if (candidates.Count == 0)
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "deviceId is required",
                "Orders start at a device: the body must name the scanned device, { \"planId\": \"…\", \"deviceId\": \"…\" }.")
            {
                Field = "deviceId",
            });
        }

        var selling = candidates.Where(s => s.Plans.ContainsKey(planId)).ToList();
        if (selling.Count == 0)
        {
            return Fail(new OrderError(OrderErrorKind.UnknownPlan, "Unknown plan",
                $"There is no plan '{DeviceService.Clip(planId)}'. Known plans: {string.Join(", ", candidates.SelectMany(s => s.Plans.Keys).Distinct().Order(StringComparer.Ordinal))}.")
            {
                Field = "planId",
            });
        }

        var routed = selling.Select(s => (SubMerchant: s, Routed: s.TryRouteFor(user.AppId, out var subAppId), SubAppId: subAppId)).Where(r => r.Routed).ToList();
        if (routed.Count == 0)
        {
            return Fail(WrongMiniProgram(selling[0]));
        }

        if (routed.Count > 1)
        {
            return Fail(new OrderError(OrderErrorKind.Invalid, "subMerchant is required",
                $"Several sub-merchants sell plan '{planId}' ({string.Join(", ", routed.Select(r => r.SubMerchant.Key))}): name one, or the device.")
            {
                Field = "subMerchant",
            });
        }

        var (subMerchant, _, sub) = routed[0];
        return (new OrderStart(subMerchant, planId, subMerchant.Plans[planId], sub, null, null), null);
    }

    private bool IsAnyPlan(string planId) => subMerchants.All.Any(s => s.Plans.ContainsKey(planId));

    private static OrderError WrongMiniProgram(SubMerchant subMerchant) =>
        new(OrderErrorKind.WrongMiniProgram, "Not served from this mini program",
            $"{subMerchant.Name} is served from {(subMerchant.SubAppId is null ? "the provider's mini program" : "its own mini program or the provider's")}; log in there.")
        {
            Field = "deviceId",
        };

    private static (OrderStart?, OrderError?) Fail(OrderError error) => (null, error);
}
