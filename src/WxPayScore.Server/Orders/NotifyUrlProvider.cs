using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Orders;

/// <summary>
/// The <c>notify_url</c> sent on create: <c>PayScore:NotifyUrl</c>, or (embedded mode, where it is left empty) this
/// server's own <c>/notify/payscore</c> on the address Kestrel actually bound (dynamic ports included). Refunds likewise:
/// <c>PayScore:RefundNotifyUrl</c>, or in embedded mode this server's own <c>/notify/refund</c>.
/// </summary>
public sealed class NotifyUrlProvider
{
    public const string CallbackPath = "/notify/payscore";
    public const string RefundCallbackPath = "/notify/refund";
    private readonly PayScoreOptions options;
    private readonly IServer server;
    private readonly bool embedded;
    private string? resolved;

    public NotifyUrlProvider(IOptions<PayScoreOptions> options, IServer server, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.server = server;
        embedded = services.GetService<Embedded.EmbeddedSandbox>() is not null;
    }

    /// <summary>The refunds' <c>notify_url</c>; null in real mode without <c>PayScore:RefundNotifyUrl</c> (none is sent).</summary>
    public string? GetRefund() =>
        !string.IsNullOrWhiteSpace(options.RefundNotifyUrl) ? options.RefundNotifyUrl
        : embedded ? OwnAddress() + RefundCallbackPath
        : null;

    public string Get()
    {
        if (resolved is not null)
        {
            return resolved;
        }

        if (!string.IsNullOrWhiteSpace(options.NotifyUrl))
        {
            return resolved = options.NotifyUrl;
        }

        return resolved = OwnAddress() + CallbackPath;
    }

    private string OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("PayScore:NotifyUrl is not set and the server has no address yet.");
        address = address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }
}
