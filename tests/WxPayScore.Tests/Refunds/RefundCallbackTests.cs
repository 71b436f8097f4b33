using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Callbacks;
using WxPayScore.Refunds;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary><c>REFUND.*</c> notifications through the one callback entry point (refunds.md §5): typed events, typed failures.</summary>
public sealed class RefundCallbackTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 2, 10, 0, 6, TimeSpan.FromHours(8)));
    private SdkHost sdk = null!;

    public Task InitializeAsync()
    {
        sdk = SdkHost.Create(null, time: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sdk.DisposeAsync();

    [Theory]
    [InlineData("refund")]
    [InlineData("")]
    public async Task REFUND_SUCCESS_becomes_a_RefundSuccessCallback_whichever_associated_data(string associatedData)
    {
        var callback = CallbackFactory.Build(clock, RefundCallback.SuccessEvent, RefundSamples.Notification("SUCCESS"), associatedData, originalType: "refund");

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        var success = Assert.IsType<RefundSuccessCallback>(result.Callback);
        Assert.Equal(RefundStatus.Success, success.Status);
        Assert.Equal(RefundStatus.Success, success.Refund.Status);
        Assert.Equal(RefundSamples.OutRefundNo, success.Refund.OutRefundNo);
        Assert.Equal(TestKeys.SubMchId, success.Refund.SubMchId);
        Assert.Equal(TestKeys.MchId, success.Refund.SpMchId);
        Assert.Equal(RefundSamples.TransactionId, success.Refund.TransactionId);
        Assert.Equal((300L, 100L, 300L, 100L), (success.Refund.Amount!.Total, success.Refund.Amount.Refund, success.Refund.Amount.PayerTotal, success.Refund.Amount.PayerRefund));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 10, 0, 5, TimeSpan.FromHours(8)), success.Refund.SuccessTime);
        Assert.Equal("支付用户零钱", success.Refund.UserReceivedAccount);
        Assert.Equal(RefundSamples.Notification("SUCCESS"), Encoding.UTF8.GetString(success.Plaintext.Span));
    }

    [Theory]
    [InlineData("REFUND.ABNORMAL", "ABNORMAL", typeof(RefundAbnormalCallback), RefundStatus.Abnormal)]
    [InlineData("REFUND.CLOSED", "CLOSED", typeof(RefundClosedCallback), RefundStatus.Closed)]
    public async Task ABNORMAL_and_CLOSED_have_their_own_types(string eventType, string status, Type expected, RefundStatus expectedStatus)
    {
        var callback = CallbackFactory.Build(clock, eventType, RefundSamples.Notification(status), "refund", originalType: "refund");

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        Assert.IsType(expected, result.Callback);
        var refund = (RefundCallback)result.Callback;
        Assert.Equal(expectedStatus, refund.Status);
        Assert.Equal(eventType, refund.EventType);
        Assert.Null(refund.Refund.SuccessTime);
    }

    [Fact]
    public async Task A_refund_status_that_contradicts_the_event_is_a_malformed_resource()
    {
        var callback = CallbackFactory.Build(clock, RefundCallback.SuccessEvent, RefundSamples.Notification("CLOSED"), "refund");

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.Equal(CallbackFailure.MalformedResource, result.Failure);
        Assert.Contains("CLOSED", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"sub_mchid":"1900000109","refund_status":"SUCCESS"}""")]
    [InlineData("""{"out_refund_no":"RF1","refund_status":"SUCCESS"}""")]
    [InlineData("""{"out_refund_no":5}""")]
    [InlineData("""not json""")]
    public async Task A_refund_resource_without_its_keys_is_malformed(string plaintext)
    {
        var callback = CallbackFactory.Build(clock, RefundCallback.SuccessEvent, plaintext, "refund");

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.Equal(CallbackFailure.MalformedResource, result.Failure);
    }

    [Fact]
    public async Task A_refund_notification_encrypted_under_another_associated_data_fails_decryption()
    {
        // Encrypted with "refund" but the envelope claims "": the tag does not verify.
        var envelope = CallbackFactory.Envelope(RefundCallback.SuccessEvent, RefundSamples.Notification("SUCCESS"), associatedData: "",
            ciphertext: CallbackFactory.Encrypt(RefundSamples.Notification("SUCCESS"), "fdasflkja484", "refund"));
        var body = Encoding.UTF8.GetBytes(envelope);

        var result = await sdk.Callbacks.ReadAsync(body, CallbackFactory.Sign(body, clock));

        Assert.Equal(CallbackFailure.DecryptionFailed, result.Failure);
    }

    [Fact]
    public async Task Refund_notifications_are_verified_like_any_other()
    {
        var callback = CallbackFactory.Build(clock, RefundCallback.SuccessEvent, RefundSamples.Notification("SUCCESS"), "refund");

        var forged = await sdk.Callbacks.ReadAsync(callback.Body, CallbackFactory.Sign(callback.Body, clock, TestKeys.Attacker));
        var stale = await sdk.Callbacks.ReadAsync(callback.Body, CallbackFactory.Sign(callback.Body, clock, skew: TimeSpan.FromMinutes(-6)));
        var probe = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers with { Signature = "WECHATPAY/SIGNTEST/" + callback.Headers.Signature });

        Assert.Equal(CallbackFailure.InvalidSignature, forged.Failure);
        Assert.Equal(CallbackFailure.StaleTimestamp, stale.Failure);
        Assert.Equal(CallbackFailure.SignatureProbe, probe.Failure);
    }

    [Fact]
    public async Task Another_REFUND_event_is_an_UnknownCallback()
    {
        var callback = CallbackFactory.Build(clock, "REFUND.PROCESSING", RefundSamples.Notification("PROCESSING"), "refund");

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.IsType<UnknownCallback>(result.Callback);
    }

    [Theory]
    [InlineData(RefundStatus.Processing, RefundStatus.Success, true)]
    [InlineData(RefundStatus.Processing, RefundStatus.Abnormal, true)]
    [InlineData(RefundStatus.Processing, RefundStatus.Closed, true)]
    [InlineData(RefundStatus.Abnormal, RefundStatus.Processing, true)]
    [InlineData(RefundStatus.Abnormal, RefundStatus.Success, true)]
    [InlineData(RefundStatus.Success, RefundStatus.Processing, false)]
    [InlineData(RefundStatus.Closed, RefundStatus.Success, false)]
    [InlineData(RefundStatus.Success, RefundStatus.Success, false)]
    [InlineData(RefundStatus.Processing, RefundStatus.Processing, false)]
    [InlineData(RefundStatus.Processing, RefundStatus.Unknown, false)]
    public void Statuses_move_only_forward(RefundStatus current, RefundStatus next, bool forward) =>
        Assert.Equal(forward, RefundStatusNames.IsForward(current, next));
}
