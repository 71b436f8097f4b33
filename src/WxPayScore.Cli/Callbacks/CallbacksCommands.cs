using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Callbacks;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.Configuration;

namespace WxPayScore.Cli.Callbacks;

/// <summary><c>callbacks verify --body FILE --headers FILE [--at TIME]</c>: the server's own check of a captured callback.</summary>
internal static class CallbacksCommands
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var callbacks = new Command("callbacks", "WeChat Pay callbacks (notify_url requests).");
        var body = new Option<string>("--body") { Description = "The request body exactly as received (raw bytes).", Required = true, HelpName = "FILE" };
        var headers = new Option<string>("--headers") { Description = "Its headers: 'Name: value' lines or a JSON object.", Required = true, HelpName = "FILE" };
        var at = new Option<string?>("--at") { Description = "Judge as of this time (ISO 8601 or Unix seconds), e.g. when an old capture arrived.", HelpName = "TIME" };
        var verify = new Command("verify", "Verifies and decrypts a captured callback exactly as the server does, and prints the event and the order, or the one reason it fails.")
        {
            body, headers, at,
        };
        CommandRunner.SetAction(verify, console, async (parse, output, cancellationToken) =>
        {
            var bodyPath = console.ResolvePath(parse.GetRequiredValue(body));
            var headersPath = console.ResolvePath(parse.GetRequiredValue(headers));
            foreach (var path in new[] { bodyPath, headersPath })
            {
                if (!File.Exists(path))
                {
                    throw new UsageException($"{path} does not exist.");
                }
            }

            var now = parse.GetValue(at) is { } atText ? ParseTime(atText) : (DateTimeOffset?)null;
            var raw = await File.ReadAllBytesAsync(bodyPath, cancellationToken).ConfigureAwait(false);
            var captured = CapturedHeaders.Parse(await File.ReadAllTextAsync(headersPath, cancellationToken).ConfigureAwait(false));
            var settings = CliSettings.Load(console, parse);
            var options = settings.WeChatPay();
            await using var connection = MerchantConnection.Open(settings, now is { } fixedNow ? new FixedTimeProvider(fixedNow) : time);
            var result = await connection.Callbacks.ReadAsync(raw, captured, cancellationToken).ConfigureAwait(false);
            return result.IsValid
                ? Valid(output, result.Callback)
                : Invalid(output, result, captured, options, now ?? time.GetUtcNow(), now is not null);
        });
        callbacks.Add(verify);
        return callbacks;
    }

    private static int Valid(CliOutput output, PayScoreCallback callback)
    {
        JsonNode? resource;
        try
        {
            resource = JsonNode.Parse(callback.Plaintext.Span);
        }
        catch (JsonException)
        {
            resource = System.Text.Encoding.UTF8.GetString(callback.Plaintext.Span);
        }

        var order = callback switch
        {
            ConfirmCallback c => c.Order,
            PaidCallback p => p.Order,
            _ => null,
        };
        output.Document(new JsonObject
        {
            ["ok"] = true,
            ["valid"] = true,
            ["id"] = callback.Id,
            ["event_type"] = callback.EventType,
            ["create_time"] = callback.CreateTime?.ToString("O", CultureInfo.InvariantCulture),
            ["summary"] = callback.Summary,
            ["resource"] = resource,
        });
        output.Line($"valid {callback.EventType} callback (signature verified over the raw body, resource decrypted)");
        output.Field("id", callback.Id, 14);
        output.Field("create_time", callback.CreateTime?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), 14);
        output.Field("summary", callback.Summary, 14);
        if (order is not null)
        {
            output.Field("out_order_no", order.OutOrderNo, 14);
            output.Field("state", string.Join('/', new[] { order.State, order.StateDescription, order.Collection?.State }.Where(s => s is not null)), 14);
            output.Field("total_amount", order.TotalAmount, 14);
        }

        output.Line();
        output.Line("decrypted resource:");
        output.Line(resource is null ? "(empty)" : CliOutput.Pretty(resource));
        return ExitCodes.Ok;
    }

    private static int Invalid(CliOutput output, CallbackResult result, CallbackHeaders headers, WxPayScoreOptions options, DateTimeOffset now, bool atGiven)
    {
        var hint = result.Failure switch
        {
            CallbackFailure.StaleTimestamp => StaleHint(headers, now, atGiven),
            CallbackFailure.UnknownSerial =>
                $"It was signed with '{headers.Serial}'; WeChatPay:PublicKeyId is '{options.PublicKeyId}'" +
                (options.UsePlatformCertificates ? " and certificate mode is on." : ". A 40-hex serial means a platform certificate (WeChatPay:UsePlatformCertificates=true)."),
            CallbackFailure.SignatureProbe =>
                "A WECHATPAY/SIGNTEST/ probe: WeChat sends these to check that the merchant refuses bad signatures. Refusing it is correct.",
            CallbackFailure.InvalidSignature =>
                "The body is not the bytes WeChat signed: it was re-serialised, re-encoded, trimmed or tampered with (the ciphertext included) — verify the raw request body, " +
                "before any JSON parsing — or WeChatPay:PublicKeyPath is not WeChat Pay's key for " + headers.Serial + ".",
            CallbackFailure.DecryptionFailed =>
                "The signature verified (the body is WeChat's), but AES-256-GCM decryption failed: WeChatPay:ApiV3Key is not this merchant's APIv3 key.",
            CallbackFailure.MissingHeaders => "Capture Wechatpay-Timestamp, -Nonce, -Signature and -Serial with the body.",
            CallbackFailure.BodyTooLarge => "The body exceeds WeChatPay:MaxCallbackBodyBytes.",
            _ => "The signature verified but the content is not a Pay Score callback.",
        };
        output.Document(new JsonObject
        {
            ["ok"] = false,
            ["valid"] = false,
            ["failure"] = result.Failure.ToString(),
            ["error"] = result.Error,
            ["hint"] = hint,
            ["serial"] = headers.Serial,
            ["timestamp"] = headers.Timestamp,
        });
        output.Line($"NOT valid: {result.Failure}");
        output.Line("  " + result.Error);
        output.Line("  " + hint);
        return ExitCodes.CheckFailed;
    }

    private static string StaleHint(CallbackHeaders headers, DateTimeOffset now, bool atGiven)
    {
        if (!long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "Wechatpay-Timestamp is not a number of seconds.";
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var age = now - sent;
        return $"It was signed at {sent:yyyy-MM-dd'T'HH:mm:ss'Z'}, {Math.Abs(age.TotalMinutes):0.#} minutes {(age >= TimeSpan.Zero ? "before" : "after")} {(atGiven ? "--at" : "now")}: " +
               (atGiven ? "give --at the time it arrived." : $"an old capture? Judge it as of its arrival with --at {seconds}.");
    }

    private static DateTimeOffset ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new UsageException($"--at '{text}' is neither ISO 8601 (2025-01-01T12:00:00+08:00) nor Unix seconds.");
    }
}
