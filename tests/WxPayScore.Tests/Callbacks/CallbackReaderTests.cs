using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Callbacks;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Callbacks;

/// <summary>
/// The one callback entry point: typed events for good input, and for every bad input a distinct typed failure,
/// never an exception.
/// </summary>
public sealed class CallbackReaderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 5, TimeSpan.FromHours(8)));
    private SdkHost sdk = null!;

    private CallbackReader Reader => sdk.Callbacks;

    public Task InitializeAsync()
    {
        sdk = SdkHost.Create(null, o => o.MaxCallbackBodyBytes = 8 * 1024, clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sdk.DisposeAsync();

    [Fact]
    public async Task USER_CONFIRM_becomes_a_ConfirmCallback_with_the_order()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder, associatedData: "", originalType: "payscore");

        var result = await Reader.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(CallbackFailure.None, result.Failure);
        var confirm = Assert.IsType<ConfirmCallback>(result.Callback);
        Assert.Equal("EV-2018022511223320873", confirm.Id);
        Assert.Equal(PayScoreCallback.UserConfirmEvent, confirm.EventType);
        Assert.Equal("确认订单", confirm.Summary);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 5, TimeSpan.FromHours(8)), confirm.CreateTime);
        Assert.Equal(Samples.OutOrderNo, confirm.Order.OutOrderNo);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", confirm.Order.OpenId);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, confirm.Order.Status.Phase);
        Assert.Equal(Samples.ConfirmedOrder, Encoding.UTF8.GetString(confirm.Plaintext.Span));
    }

    [Fact]
    public async Task USER_PAID_without_original_type_becomes_a_PaidCallback()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserPaidEvent, Samples.PaidOrder, associatedData: "", originalType: null);
        Assert.DoesNotContain("original_type", Encoding.UTF8.GetString(callback.Body), StringComparison.Ordinal);

        var result = await Reader.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        var paid = Assert.IsType<PaidCallback>(result.Callback);
        Assert.Equal(ServiceOrderPhase.Done, paid.Order.Status.Phase);
        Assert.True(paid.Order.Status.IsPaid);
        Assert.Equal(300, paid.Order.Collection!.PaidAmount);
        Assert.Equal("4200002025010112345678901234", Assert.Single(paid.Order.Collection.Details!).TransactionId);
    }

    [Fact]
    public async Task A_non_empty_associated_data_is_authenticated_too()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserPaidEvent, Samples.PaidOrder, associatedData: "payscore", originalType: "payscore");

        var result = await Reader.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
    }

    [Fact]
    public async Task An_unknown_event_type_is_an_UnknownCallback_with_the_decrypted_json()
    {
        const string plaintext = """{"user_service_status":"USER_OPEN_SERVICE","openid":"o1"}""";
        var callback = CallbackFactory.Build(clock, "PAYSCORE.USER_OPEN_SERVICE", plaintext);

        var result = await Reader.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        var unknown = Assert.IsType<UnknownCallback>(result.Callback);
        Assert.Equal("PAYSCORE.USER_OPEN_SERVICE", unknown.EventType);
        Assert.Equal(plaintext, Encoding.UTF8.GetString(unknown.Plaintext.Span));
    }

    [Fact]
    public async Task Escaped_json_in_the_envelope_is_read_like_any_json()
    {
        var envelope = CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder)
            .Replace("/", "\\/", StringComparison.Ordinal)
            .Replace("\"PAYSCORE.USER_CONFIRM\"", "\"PAYSCORE.USER\\u005FCONFIRM\"", StringComparison.Ordinal);
        Assert.Contains("\\/", envelope, StringComparison.Ordinal);

        var result = await ReadSigned(envelope);

        Assert.True(result.IsValid, result.Error);
        Assert.IsType<ConfirmCallback>(result.Callback);
    }

    [Fact]
    public async Task Headers_are_read_through_any_lookup()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        var raw = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["wechatpay-timestamp"] = callback.Headers.Timestamp,
            ["Wechatpay-Nonce"] = callback.Headers.Nonce,
            ["WECHATPAY-SIGNATURE"] = callback.Headers.Signature,
            ["Wechatpay-Serial"] = callback.Headers.Serial,
        };

        var result = await Reader.ReadAsync(callback.Body, CallbackHeaders.From(name => raw.GetValueOrDefault(name)));

        Assert.True(result.IsValid, result.Error);
    }

    // ----- failures: each distinct, none thrown -----

    [Fact]
    public async Task A_SIGNTEST_probe_is_refused_as_a_probe()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        var headers = callback.Headers with { Signature = "WECHATPAY/SIGNTEST/" + callback.Headers.Signature };

        var result = await Reader.ReadAsync(callback.Body, headers);

        Assert.Equal(CallbackFailure.SignatureProbe, result.Failure);
        Assert.Null(result.Callback);
    }

    [Fact]
    public async Task A_forged_signature_is_refused()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        var forged = CallbackFactory.Sign(callback.Body, clock, TestKeys.Attacker);

        var result = await Reader.ReadAsync(callback.Body, forged);

        Assert.Equal(CallbackFailure.InvalidSignature, result.Failure);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        var body = (byte[])callback.Body.Clone();
        body[^2] = (byte)' ';

        var result = await Reader.ReadAsync(body, callback.Headers);

        Assert.Equal(CallbackFailure.InvalidSignature, result.Failure);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public async Task A_stale_timestamp_is_refused(int skewSeconds)
    {
        var body = Encoding.UTF8.GetBytes(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder));
        var headers = CallbackFactory.Sign(body, clock, skew: TimeSpan.FromSeconds(skewSeconds));

        var result = await Reader.ReadAsync(body, headers);

        Assert.Equal(CallbackFailure.StaleTimestamp, result.Failure);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1735689600")]
    [InlineData("1735689600000")]
    public async Task A_timestamp_that_is_not_unix_seconds_is_refused_as_stale(string timestamp)
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);

        var result = await Reader.ReadAsync(callback.Body, callback.Headers with { Timestamp = timestamp });

        Assert.Equal(CallbackFailure.StaleTimestamp, result.Failure);
    }

    [Fact]
    public async Task An_unknown_serial_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder));
        var headers = CallbackFactory.Sign(body, clock, serial: "PUB_KEY_ID_0000000000000000000000000000000002");

        var result = await Reader.ReadAsync(body, headers);

        Assert.Equal(CallbackFailure.UnknownSerial, result.Failure);
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("nonce")]
    [InlineData("signature")]
    [InlineData("serial")]
    public async Task A_missing_header_is_refused(string missing)
    {
        var callback = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        var h = callback.Headers;
        var headers = missing switch
        {
            "timestamp" => h with { Timestamp = null },
            "nonce" => h with { Nonce = "" },
            "signature" => h with { Signature = null },
            _ => h with { Serial = null },
        };

        var result = await Reader.ReadAsync(callback.Body, headers);

        Assert.Equal(CallbackFailure.MissingHeaders, result.Failure);
    }

    [Fact]
    public async Task A_tampered_ciphertext_that_is_correctly_signed_fails_decryption()
    {
        var ciphertext = Convert.FromBase64String(CallbackFactory.Encrypt(Samples.ConfirmedOrder, "fdasflkja484", ""));
        ciphertext[3] ^= 0x40;
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder, ciphertext: Convert.ToBase64String(ciphertext)));

        Assert.Equal(CallbackFailure.DecryptionFailed, result.Failure);
    }

    [Fact]
    public async Task A_ciphertext_made_with_another_APIv3_key_fails_decryption()
    {
        var ciphertext = CallbackFactory.Encrypt(Samples.ConfirmedOrder, "fdasflkja484", "", "fedcba9876543210fedcba9876543210");
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder, ciphertext: ciphertext));

        Assert.Equal(CallbackFailure.DecryptionFailed, result.Failure);
    }

    [Fact]
    public async Task A_wrong_length_nonce_fails_decryption()
    {
        var ciphertext = CallbackFactory.Encrypt(Samples.ConfirmedOrder, "fdasflkja484", "");
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder, ciphertext: ciphertext, nonce: "short"));

        Assert.Equal(CallbackFailure.DecryptionFailed, result.Failure);
    }

    [Fact]
    public async Task Bad_base64_is_refused_as_such()
    {
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder, ciphertext: "***not base64***"));

        Assert.Equal(CallbackFailure.InvalidBase64, result.Failure);
    }

    [Theory]
    [InlineData("{\"id\":\"EV-1\",\"event_type\":\"PAYSCORE.USER_CONFIRM\"")] // truncated JSON
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"EV-1\",\"event_type\":\"PAYSCORE.USER_CONFIRM\"}")] // no resource
    [InlineData("{\"id\":\"EV-1\",\"event_type\":\"PAYSCORE.USER_CONFIRM\",\"create_time\":\"yesterday\",\"resource\":{}}")]
    [InlineData("{\"event_type\":\"PAYSCORE.USER_CONFIRM\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\"}}")] // no id
    [InlineData("{\"id\":\"EV-1\",\"event_type\":7,\"resource\":{}}")]
    public async Task A_malformed_envelope_is_refused(string envelope)
    {
        var result = await ReadSigned(envelope);

        Assert.Equal(CallbackFailure.MalformedEnvelope, result.Failure);
    }

    [Fact]
    public async Task Invalid_UTF8_is_a_malformed_envelope()
    {
        var body = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };

        var result = await Reader.ReadAsync(body, CallbackFactory.Sign(body, clock));

        Assert.Equal(CallbackFailure.MalformedEnvelope, result.Failure);
    }

    [Fact]
    public async Task An_unsupported_algorithm_is_refused()
    {
        var envelope = CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder).Replace("AEAD_AES_256_GCM", "AEAD_SM4_GCM", StringComparison.Ordinal);

        var result = await ReadSigned(envelope);

        Assert.Equal(CallbackFailure.UnsupportedAlgorithm, result.Failure);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"out_order_no\":\"SP1\",\"time_range\":{\"start_time\":12345}}")] // wrong type inside
    [InlineData("{\"out_order_no\":\"SP1\",\"time_range\":{\"start_time\":\"tomorrow\"}}")] // not a Pay Score time
    [InlineData("{\"out_order_no\":\"SP1\",\"time_range\":{\"start_time\":\"00010101\"}}")] // before DateTimeOffset.MinValue in UTC
    [InlineData("{\"out_order_no\":\"SP1\",\"total_amount\":\"300\"}")] // money as a string
    [InlineData("{\"state\":\"DOING\"}")] // no out_order_no
    [InlineData("null")]
    [InlineData("{\"out_order_no\":\"SP1\",\"risk_fund\":{\"amount\":1}}")] // risk_fund.name is required
    public async Task Malformed_decrypted_json_is_refused(string plaintext)
    {
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserPaidEvent, plaintext));

        Assert.Equal(CallbackFailure.MalformedResource, result.Failure);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_before_any_work()
    {
        var padding = new string(' ', 8 * 1024);
        var result = await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder) + padding);

        Assert.Equal(CallbackFailure.BodyTooLarge, result.Failure);
        Assert.Equal(8 * 1024, Reader.MaxBodyBytes);
    }

    [Fact]
    public async Task Every_failure_has_its_own_reason_and_a_message()
    {
        var cases = new List<CallbackResult>();
        var valid = CallbackFactory.Build(clock, PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder);
        cases.Add(await Reader.ReadAsync(valid.Body, valid.Headers with { Signature = "WECHATPAY/SIGNTEST/x" }));
        cases.Add(await Reader.ReadAsync(valid.Body, CallbackFactory.Sign(valid.Body, clock, TestKeys.Attacker)));
        cases.Add(await Reader.ReadAsync(valid.Body, CallbackFactory.Sign(valid.Body, clock, skew: TimeSpan.FromHours(1))));
        cases.Add(await Reader.ReadAsync(valid.Body, CallbackFactory.Sign(valid.Body, clock, serial: "PUB_KEY_ID_1")));
        cases.Add(await Reader.ReadAsync(valid.Body, valid.Headers with { Nonce = null }));
        cases.Add(await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, "x", ciphertext: Convert.ToBase64String(new byte[40]))));
        cases.Add(await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, "x", ciphertext: "@@@")));
        cases.Add(await ReadSigned("{"));
        cases.Add(await ReadSigned(CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, "{")));
        cases.Add(await ReadSigned(new string('x', 9000)));

        Assert.All(cases, c => Assert.False(c.IsValid));
        Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Error)));
        Assert.Equal(cases.Count, cases.Select(c => c.Failure).Distinct().Count());
    }

    [Fact]
    public async Task Arbitrary_signed_bytes_never_throw()
    {
        var random = new Random(20250101);
        var templates = new[]
        {
            CallbackFactory.Envelope(PayScoreCallback.UserConfirmEvent, Samples.ConfirmedOrder),
            CallbackFactory.Envelope(PayScoreCallback.UserPaidEvent, Samples.PaidOrder),
        };
        for (var i = 0; i < 200; i++)
        {
            var body = Encoding.UTF8.GetBytes(templates[i % 2]);
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }

            var result = await Reader.ReadAsync(body, CallbackFactory.Sign(body, clock));

            Assert.True(result.IsValid || result.Failure != CallbackFailure.None);
        }
    }

    private async Task<CallbackResult> ReadSigned(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return await Reader.ReadAsync(bytes, CallbackFactory.Sign(bytes, clock));
    }
}
