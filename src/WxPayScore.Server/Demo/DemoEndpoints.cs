using Microsoft.AspNetCore.Http.HttpResults;
using WxPayScore.Sandbox;
using WxPayScore.Server.Orders.Devices;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Orders.SubMerchants;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Demo;

/// <summary>The browser demo's helpers (docs/contracts.md): only in embedded sandbox mode, 404 otherwise.</summary>
public static class DemoEndpoints
{
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var demo = app.MapGroup("/api/demo").WithTags("Browser demo (embedded sandbox only)");
        demo.MapGet("/config", async (HttpContext http, DeviceService devices, SubMerchantCatalog subMerchants, CancellationToken ct) =>
            {
                var sandbox = Require(http);
                var list = new List<DemoDevice>();
                foreach (var (deviceId, _, _, _) in EmbeddedShowcase.Devices)
                {
                    if (await devices.FindAsync(deviceId, ct) is { Enabled: true } device && subMerchants.Find(device.SubMerchant) is { } subMerchant)
                    {
                        list.Add(new DemoDevice(device.DeviceId, subMerchant.Key, subMerchant.Name, device.Location, subMerchant.SubAppId ?? subMerchant.AppId));
                    }
                }

                return TypedResults.Ok(new DemoConfigResponse(sandbox.Identity.AppId, sandbox.ConfirmPageUrl.ToString(), sandbox.DemoUser, list));
            })
            .WithName("DemoConfig")
            .WithSummary("What the browser demo needs to play WeChat: the mini program's AppID, the sandbox confirm page, the default user, the embedded devices.")
            .ProducesProblem(404);
        demo.MapPost("/login-code", LoginCode)
            .WithName("DemoLoginCode")
            .WithSummary("A sandbox wx.login code for a simulated user.")
            .ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static Ok<DemoLoginCodeResponse> LoginCode(DemoLoginCodeRequest? request, HttpContext http)
    {
        var sandbox = Require(http);
        var user = request?.User?.Trim();
        if (string.IsNullOrEmpty(user) || user.Length > 64 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ApiProblemException(400, "Invalid user", "user must be 1-64 characters of letters, digits, '-', '_' or '.'.", ProblemTypes.Validation)
                .With("field", "user");
        }

        try
        {
            var appId = string.IsNullOrEmpty(request?.AppId) ? sandbox.Identity.AppId : request.AppId;
            return TypedResults.Ok(new DemoLoginCodeResponse(sandbox.Host.Control.CreateLoginCode(user, appId).Code));
        }
        catch (SandboxControlException ex)
        {
            throw new ApiProblemException(400, "Sandbox refused", ex.Message, ProblemTypes.Validation);
        }
    }

    private static EmbeddedSandbox Require(HttpContext http) =>
        http.RequestServices.GetService<EmbeddedSandbox>()
        ?? throw new ApiProblemException(404, "Not available", "The browser demo helpers exist only in embedded sandbox mode.", ProblemTypes.NotFound);
}
