using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using WxPayScore.Diagnostics;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;

namespace WxPayScore.Tests.Diagnostics;

/// <summary>The SDK's Meter and ActivitySource (both "WxPayScore") report calls with operation and outcome.</summary>
public sealed class MetricsAndTracingTests : StubWeChatTestBase
{
    [Fact]
    public async Task A_MeterListener_sees_requests_and_durations_tagged_by_operation_and_outcome()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WxPayScoreDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        listener.Start();
        Stub.Responder = r => r.Index == 0 ? StubReply.Json(Samples.CreateResponse) : StubReply.Error(404, "ORDER_NOT_EXIST", "订单不存在");

        await Sdk.Orders.CreateAsync(Samples.Create());
        await Assert.ThrowsAsync<WeChatPayApiException>(() =>
            Sdk.Orders.GetAsync("SPMETRICS0001", Samples.Query));
        var callback = CallbackFactory.Build(TimeProvider.System, "PAYSCORE.USER_CONFIRM", Samples.ConfirmedOrder);
        await Sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.requests" && m.Value == 1 &&
            m.Tags["operation"] == "serviceorder.create" && m.Tags["outcome"] == "200");
        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.requests" &&
            m.Tags["operation"] == "serviceorder.query" && m.Tags["outcome"] == "404");
        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.request.duration" &&
            m.Tags["operation"] == "serviceorder.create" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.callbacks" &&
            m.Tags["event_type"] == "PAYSCORE.USER_CONFIRM" && m.Tags["outcome"] == "ok");
    }

    [Fact]
    public async Task An_ActivityListener_sees_a_client_activity_per_call()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WxPayScoreDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        Stub.Responder = _ => StubReply.Json(Samples.CreateResponse) with { RequestId = "TRACE-REQUEST-ID-1" };

        await Sdk.Orders.CreateAsync(Samples.Create());

        var activity = Assert.Single(activities, a => a.GetTagItem("wxpayscore.request_id") as string == "TRACE-REQUEST-ID-1");
        Assert.Equal("WeChatPay serviceorder.create", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("serviceorder.create", activity.GetTagItem("wxpayscore.operation"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Refund_calls_and_refund_callbacks_are_measured_and_traced_under_their_own_names()
    {
        var measurements = new ConcurrentBag<(string Instrument, Dictionary<string, string?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WxPayScoreDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Add((i.Name, ToDictionary(tags))));
        meters.Start();
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WxPayScoreDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        Stub.Responder = r => r.Method == "POST"
            ? StubReply.Json(Refunds.RefundSamples.Answer()) with { RequestId = "TRACE-REFUND-1" }
            : StubReply.Error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");

        await Sdk.Refunds.CreateAsync(Refunds.RefundSamples.Create());
        await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Refunds.GetAsync("RFMETRICS1", Refunds.RefundSamples.Query));
        var callback = CallbackFactory.Build(TimeProvider.System, "REFUND.SUCCESS", Refunds.RefundSamples.Notification("SUCCESS"), "refund");
        await Sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.requests" && m.Tags["operation"] == "refund.create" && m.Tags["outcome"] == "200");
        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.requests" && m.Tags["operation"] == "refund.query" && m.Tags["outcome"] == "404");
        Assert.Contains(measurements, m => m.Instrument == "wxpayscore.callbacks" && m.Tags["event_type"] == "REFUND.SUCCESS" && m.Tags["outcome"] == "ok");
        var activity = Assert.Single(activities, a => a.GetTagItem("wxpayscore.request_id") as string == "TRACE-REFUND-1");
        Assert.Equal("WeChatPay refund.create", activity.DisplayName);
    }

    private static Dictionary<string, string?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal) { ["operation"] = null, ["outcome"] = null, ["event_type"] = null };
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString();
        }

        return result;
    }
}
