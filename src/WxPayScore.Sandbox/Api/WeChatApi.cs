using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Http;
using WxPayScore.Json;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Security;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Api;

/// <summary>
/// The pipeline every WeChat Pay endpoint goes through: required headers, Authorization check, faults, the handler,
/// then the answer with <c>Request-ID</c> and — except for a 401 — the <c>Wechatpay-*</c> signature headers.
/// </summary>
internal sealed class WeChatApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly RequestAuthenticator authenticator;
    private readonly SandboxKeys keys;
    private readonly WeChatSigner signer;
    private readonly FaultInjector faults;
    private readonly OrderBook orders;
    private readonly Refunds.RefundBook refunds;
    private readonly bool legacyAnswers;
    private readonly ILogger<WeChatApi> logger;

    public WeChatApi(RequestAuthenticator authenticator, SandboxKeys keys, WeChatSigner signer, FaultInjector faults, OrderBook orders,
        Refunds.RefundBook refunds, IOptions<SandboxOptions> options, ILogger<WeChatApi> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.authenticator = authenticator;
        this.keys = keys;
        this.signer = signer;
        this.faults = faults;
        this.orders = orders;
        this.refunds = refunds;
        this.logger = logger;
        legacyAnswers = options.Value.LegacyCompleteResponse;
    }

    public Task CreateAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.Create, (merchant, body) => WeChatAnswer.Order(orders.Create(merchant, body)));

    public Task QueryAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.Query, (merchant, _) =>
        {
            var query = context.Request.Query;
            return WeChatAnswer.Order(orders.Query(merchant, Value(query, "service_id"), Value(query, "sub_mchid"),
                Value(query, "out_order_no"), Value(query, "query_id")));
        });

    public Task ActionAsync(HttpContext context)
    {
        var outOrderNo = context.Request.RouteValues["out_order_no"] as string ?? string.Empty;
        var action = context.Request.RouteValues["action"] as string ?? string.Empty;
        Func<RegisteredMerchant, ReadOnlyMemory<byte>, ServiceOrder>? operation = action switch
        {
            FaultEndpoints.Cancel => (m, b) => orders.Cancel(m, outOrderNo, b),
            FaultEndpoints.Complete => (m, b) => orders.Complete(m, outOrderNo, b),
            FaultEndpoints.Modify => (m, b) => orders.Modify(m, outOrderNo, b),
            FaultEndpoints.Pay => (m, b) => orders.Pay(m, outOrderNo, b),
            FaultEndpoints.Sync => (m, b) => orders.Sync(m, outOrderNo, b),
            _ => null,
        };
        if (operation is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return HandleAsync(context, action, (merchant, body) =>
        {
            var order = operation(merchant, body);
            return legacyAnswers ? WeChatAnswer.Order(order) : WeChatAnswer.NoContent;
        });
    }

    public Task RefundCreateAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.RefundCreate, (merchant, body) => new WeChatAnswer(200, refunds.Create(merchant, body)));

    public Task RefundQueryAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.RefundQuery, (merchant, _) => new WeChatAnswer(200,
            refunds.Query(merchant, context.Request.RouteValues["out_refund_no"] as string ?? string.Empty, Value(context.Request.Query, "sub_mchid"))));

    public Task RefundAbnormalAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.RefundAbnormal, (merchant, body) => new WeChatAnswer(200,
            refunds.ApplyAbnormal(merchant, context.Request.RouteValues["refund_id"] as string ?? string.Empty, body,
                context.Request.Headers[WeChatPayHeaders.Serial].ToString() is { Length: > 0 } serial ? serial : null)));

    public Task CertificatesAsync(HttpContext context) =>
        HandleAsync(context, FaultEndpoints.Certificates, (merchant, _) =>
        {
            var pem = Encoding.UTF8.GetBytes(keys.CertificatePem);
            var list = new PlatformCertificateList
            {
                Data =
                [
                    new PlatformCertificateEntry
                    {
                        SerialNo = keys.CertificateSerial,
                        EffectiveTime = new DateTimeOffset(keys.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero).ToOffset(ServiceTime.BeijingOffset),
                        ExpireTime = new DateTimeOffset(keys.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero).ToOffset(ServiceTime.BeijingOffset),
                        EncryptCertificate = merchant.Cipher.EncryptResource(pem, "certificate", null),
                    },
                ],
            };
            return new WeChatAnswer(200, JsonSerializer.SerializeToUtf8Bytes(list, WxPayScoreJsonContext.Wire.PlatformCertificateList));
        });

    private async Task HandleAsync(HttpContext context, string endpoint, Func<RegisteredMerchant, ReadOnlyMemory<byte>, WeChatAnswer> handler)
    {
        var request = context.Request;
        SandboxFault? fault = null;
        RegisteredMerchant? merchant = null;
        WeChatAnswer answer;
        long internalNumber = 0;
        try
        {
            if (string.IsNullOrWhiteSpace(request.Headers.Accept) || string.IsNullOrWhiteSpace(request.Headers.UserAgent))
            {
                throw WeChatErrors.InvalidRequest("Http头缺少Accept或User-Agent");
            }

            var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (HttpMethods.IsPost(request.Method) &&
                !(request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw WeChatErrors.InvalidRequest("Http头Content-Type值必须为application/json");
            }

            merchant = authenticator.Authenticate(context, body);
            var askedSerial = request.Headers[WeChatPayHeaders.Serial].ToString();
            if (askedSerial.Length > 0 && (askedSerial == keys.PublicKeyId || string.Equals(askedSerial, keys.CertificateSerial, StringComparison.OrdinalIgnoreCase)))
            {
                merchant.PreferredSerial = askedSerial == keys.PublicKeyId ? keys.PublicKeyId : keys.CertificateSerial;
            }

            fault = faults.Take(endpoint);
            switch (fault?.Kind)
            {
                case FaultKinds.SystemError:
                    throw WeChatErrors.SystemError();
                case FaultKinds.FrequencyLimited:
                    throw WeChatErrors.FrequencyLimited();
                case FaultKinds.Delay:
                    await Task.Delay(fault.DelayMs ?? 0, context.RequestAborted).ConfigureAwait(false);
                    break;
                case FaultKinds.DropConnection:
                    logger.LogInformation("Fault {Fault}: {Endpoint} connection dropped before processing", fault.Id, endpoint);
                    context.Abort();
                    return;
            }

            answer = handler(merchant, body);
            if (fault?.Kind == FaultKinds.CommitThenDrop)
            {
                logger.LogInformation("Fault {Fault}: {Endpoint} committed, connection dropped without an answer", fault.Id, endpoint);
                context.Abort();
                return;
            }

            if (fault?.Kind == FaultKinds.CommitThenDelay)
            {
                logger.LogInformation("Fault {Fault}: {Endpoint} committed, answer held for {DelayMs} ms", fault.Id, endpoint, fault.DelayMs);
                await Task.Delay(fault.DelayMs ?? 0, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (WeChatErrorException ex)
        {
            answer = new WeChatAnswer(ex.Status, JsonSerializer.SerializeToUtf8Bytes(ex.ToBody(), WxPayScoreJsonContext.Wire.WeChatPayErrorBody));
            internalNumber = ex.InternalNumber;
            logger.LogInformation("{Method} {Path} → {Status} {Code} {Message}", request.Method, request.Path, ex.Status, ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // A sandbox bug must still look like WeChat: a signed 500 SYSTEM_ERROR.
            logger.LogError(ex, "{Method} {Path} failed unexpectedly", request.Method, request.Path);
            var error = WeChatErrors.SystemError();
            answer = new WeChatAnswer(error.Status, JsonSerializer.SerializeToUtf8Bytes(error.ToBody(), WxPayScoreJsonContext.Wire.WeChatPayErrorBody));
            internalNumber = error.InternalNumber;
        }

        await WriteAsync(context, answer, internalNumber, fault?.Kind, merchant).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, WeChatAnswer answer, long internalNumber, string? fault, RegisteredMerchant? merchant)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers[WeChatPayHeaders.RequestId] = Identifiers.RequestId(internalNumber);
        if (answer.Status != StatusCodes.Status401Unauthorized)
        {
            var asked = context.Request.Headers[WeChatPayHeaders.Serial].ToString();
            foreach (var (name, value) in signer.Sign(answer.Body, merchant, asked, fault).Headers)
            {
                response.Headers[name] = value;
            }
        }

        if (answer.Body.Length > 0)
        {
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw WeChatErrors.InvalidRequest("请求体过大");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.Length > MaxBodyBytes ? throw WeChatErrors.InvalidRequest("请求体过大") : buffer.ToArray();
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
