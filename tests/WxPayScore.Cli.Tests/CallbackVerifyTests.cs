using System.Text;
using System.Text.Json;
using WxPayScore.Cli.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests;

/// <summary><c>callbacks verify</c> on callbacks the sandbox really sent, captured at the notify_url.</summary>
[Collection(CliTestGroup.Name)]
public sealed class CallbackVerifyTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Confirm_and_paid_callbacks_verify_and_decrypt()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        fixture.Sandbox.Control.Confirm(package, "alice");
        var confirm = await fixture.Inbox.WaitForAsync(c => !c.IsSignTestProbe() && Resource(c) == "PAYSCORE.USER_CONFIRM" && Decrypts(c, outOrderNo));
        await fixture.Orders.CompleteAsync(outOrderNo, new ServiceOrders.ServiceOrderCompleteOptions
        {
            ServiceId = TestKeys.ServiceId,
            SubMchId = TestKeys.SubMchId,
            PostPayments = [new ServiceOrders.PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时" }],
            TotalAmount = 300,
            TimeRange = new ServiceOrders.TimeRange { EndTime = ServiceOrders.ServiceTime.Parse(fixture.BusinessNow()) },
        });
        await fixture.Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(61));
        var paid = await fixture.Inbox.WaitForAsync(c => Resource(c) == "PAYSCORE.USER_PAID" && Decrypts(c, outOrderNo));
        var workspace = fixture.Workspace();
        var (confirmBody, confirmHeaders) = confirm.Save(workspace, "confirm");
        var (paidBody, paidHeaders) = paid.Save(workspace, "paid", jsonHeaders: true);

        var first = await Tool.RunAsync(workspace, "callbacks", "verify", "--body", confirmBody, "--headers", confirmHeaders, "--json");
        var second = await Tool.RunAsync(workspace, "callbacks", "verify", "--body", paidBody, "--headers", paidHeaders, "--json");
        var human = await Tool.RunAsync(workspace, "callbacks", "verify", "--body", paidBody, "--headers", paidHeaders);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("PAYSCORE.USER_CONFIRM", first.Json["event_type"]!.GetValue<string>());
        Assert.Equal(outOrderNo, first.Json["resource"]!["out_order_no"]!.GetValue<string>());
        Assert.Equal("DOING", first.Json["resource"]!["state"]!.GetValue<string>());
        Assert.Equal("USER_CONFIRM", first.Json["resource"]!["state_description"]!.GetValue<string>());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("PAYSCORE.USER_PAID", second.Json["event_type"]!.GetValue<string>());
        Assert.Equal(300, second.Json["resource"]!["collection"]!["paid_amount"]!.GetValue<long>());
        Assert.Contains("valid PAYSCORE.USER_PAID callback", human.Output, StringComparison.Ordinal);
        Assert.Contains("out_order_no   " + outOrderNo, human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_broken_capture_gets_its_one_reason()
    {
        var capture = await ConfirmedCallbackAsync();
        var workspace = fixture.Workspace();
        var timestamp = long.Parse(capture.Header("Wechatpay-Timestamp"), System.Globalization.CultureInfo.InvariantCulture);

        var (body, headers) = capture.Save(workspace, "good");
        var stale = await Verify(workspace, body, headers, "--at", (timestamp + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var atArrival = await Verify(workspace, body, headers, "--at", DateTimeOffset.FromUnixTimeSeconds(timestamp).ToOffset(TimeSpan.FromHours(8)).ToString("O"));

        var (_, unknownSerialHeaders) = capture.Save(workspace, "serial", editHeader: (name, value) =>
            name.Equals("Wechatpay-Serial", StringComparison.OrdinalIgnoreCase) ? "PUB_KEY_ID_0000000000000000000000000000000001" : value);
        var unknownSerial = await Verify(workspace, body, unknownSerialHeaders);

        var tampered = (byte[])capture.Body.Clone();
        var at = Encoding.UTF8.GetString(tampered).IndexOf("\"ciphertext\":\"", StringComparison.Ordinal) + 20;
        tampered[at] = (byte)(tampered[at] == (byte)'A' ? 'B' : 'A');
        var tamperedBody = Path.Combine(workspace, "tampered.body");
        await File.WriteAllBytesAsync(tamperedBody, tampered);
        var tamperedResult = await Verify(workspace, tamperedBody, headers);

        var reserialised = Path.Combine(workspace, "reserialised.body");
        await File.WriteAllTextAsync(reserialised, JsonSerializer.Serialize(JsonDocument.Parse(capture.Body).RootElement, new JsonSerializerOptions { WriteIndented = true }));
        var reserialisedResult = await Verify(workspace, reserialised, headers);

        var wrongKey = await Tool.RunAsync(workspace, "callbacks", "verify", "--body", body, "--headers", headers, "--json", "--apiv3-key", new string('x', 32));

        Assert.Equal("StaleTimestamp", Failure(stale));
        Assert.Contains("give --at the time it arrived", stale.Json["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(atArrival.ExitCode == 0, atArrival.ToString());
        Assert.Equal("UnknownSerial", Failure(unknownSerial));
        Assert.Equal("InvalidSignature", Failure(tamperedResult));
        Assert.Contains("re-serialised", tamperedResult.Json["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("InvalidSignature", Failure(reserialisedResult));
        Assert.Equal("DecryptionFailed", Failure(wrongKey));
        Assert.Contains("WeChatPay:ApiV3Key is not this merchant's APIv3 key", wrongKey.Json["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signtest_probe_is_recognised_as_one()
    {
        await fixture.Sandbox.Control.WaitForDeliveriesAsync();
        fixture.Sandbox.Control.AddFault(new Sandbox.SandboxFaultRequest { Endpoint = "notify", Kind = Sandbox.FaultKinds.SignTestProbe, Count = 1 });
        try
        {
            var (outOrderNo, package) = await fixture.CreateOrderAsync();
            fixture.Sandbox.Control.Confirm(package);
            var probe = await fixture.Inbox.WaitForAsync(c => c.IsSignTestProbe() && Decrypts(c, outOrderNo));
            var workspace = fixture.Workspace();
            var (body, headers) = probe.Save(workspace, "probe");

            var result = await Verify(workspace, body, headers);

            Assert.Equal("SignatureProbe", Failure(result));
            Assert.Contains("Refusing it is correct", result.Json["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Sandbox.Control.ClearFaults();
        }
    }

    [Fact]
    public async Task Headers_without_any_wechatpay_header_are_a_usage_error()
    {
        var capture = await ConfirmedCallbackAsync();
        var workspace = fixture.Workspace();
        var (body, _) = capture.Save(workspace, "c");
        var headers = Path.Combine(workspace, "empty.headers");
        await File.WriteAllTextAsync(headers, "Content-Type: application/json\n");

        var result = await Tool.RunAsync(workspace, "callbacks", "verify", "--body", body, "--headers", headers);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no Wechatpay-* header", result.Error, StringComparison.Ordinal);
    }

    private async Task<ReceivedRequest> ConfirmedCallbackAsync()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        fixture.Sandbox.Control.Confirm(package);
        return await fixture.Inbox.WaitForAsync(c => !c.IsSignTestProbe() && Resource(c) == "PAYSCORE.USER_CONFIRM" && Decrypts(c, outOrderNo));
    }

    private static Task<CliResult> Verify(string workspace, string body, string headers, params string[] extra) =>
        Tool.RunAsync(workspace, ["callbacks", "verify", "--body", body, "--headers", headers, "--json", .. extra]);

    private static string Failure(CliResult result)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(result.Json["valid"]!.GetValue<bool>());
        return result.Json["failure"]!.GetValue<string>();
    }

    private static string? Resource(ReceivedRequest callback) =>
        JsonDocument.Parse(callback.Body).RootElement.GetProperty("event_type").GetString();

    /// <summary>Whether the callback is about <paramref name="outOrderNo"/>: decrypted with the merchant's key, as the test's own check.</summary>
    private bool Decrypts(ReceivedRequest callback, string outOrderNo)
    {
        using var document = JsonDocument.Parse(callback.Body);
        var resource = document.RootElement.GetProperty("resource");
        var cipher = Convert.FromBase64String(resource.GetProperty("ciphertext").GetString()!);
        var nonce = Encoding.UTF8.GetBytes(resource.GetProperty("nonce").GetString()!);
        var associated = Encoding.UTF8.GetBytes(resource.GetProperty("associated_data").GetString() ?? string.Empty);
        using var aes = new System.Security.Cryptography.AesGcm(Encoding.UTF8.GetBytes(fixture.ApiV3Key), 16);
        var plain = new byte[cipher.Length - 16];
        aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain, associated);
        return Encoding.UTF8.GetString(plain).Contains($"\"out_order_no\":\"{outOrderNo}\"", StringComparison.Ordinal);
    }
}
