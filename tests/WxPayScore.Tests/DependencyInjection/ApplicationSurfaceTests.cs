using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Callbacks;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.DependencyInjection;

/// <summary>
/// What an application sees: <c>AddWxPayScore</c> beside the platform's own <c>Add…</c> methods, and services it can
/// replace with test doubles (the doubles here are what an application's own tests would write).
/// </summary>
public sealed class ApplicationSurfaceTests
{
    [Fact]
    public void AddWxPayScore_lives_in_the_namespace_of_IServiceCollection()
    {
        Assert.Equal(typeof(IServiceCollection).Namespace, typeof(WxPayScoreServiceCollectionExtensions).Namespace);
        Assert.DoesNotContain(typeof(ServiceOrderService).Assembly.GetTypes(), t => t.Namespace == "WxPayScore.DependencyInjection");
    }

    [Fact]
    public async Task A_subclass_overriding_SendAsync_sees_every_typed_call_as_its_prepared_call()
    {
        var fake = new RecordingOrders();

        var created = await fake.CreateAsync(Samples.Create());
        var paid = await fake.PayAsync(Samples.OutOrderNo, new ServiceOrderPayOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId });

        Assert.Equal("CREATED", created.State);
        Assert.Null(paid);
        Assert.Equal([ServiceOrderOperation.Create, ServiceOrderOperation.Pay], fake.Calls.Select(c => c.Operation));
        Assert.Equal(ServiceOrderService.PrepareCreate(Samples.Create()).Body, fake.Calls[0].Body);
    }

    [Fact]
    public async Task A_double_registered_before_AddWxPayScore_replaces_the_service()
    {
        var services = new ServiceCollection();
        var fake = new RecordingOrders();
        var reader = new RefusingCallbacks();
        services.AddSingleton<ServiceOrderService>(fake);
        services.AddSingleton<CallbackReader>(reader);
        services.AddWxPayScore(o => SdkHost.Defaults(o, null));
        await using var provider = services.BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<ServiceOrderService>());
        Assert.Same(reader, provider.GetRequiredService<CallbackReader>());
        var result = await provider.GetRequiredService<CallbackReader>().ReadAsync("{}"u8.ToArray(), new CallbackHeaders(null, null, null, null));
        Assert.Equal(CallbackFailure.InvalidSignature, result.Failure);
    }

    [Fact]
    public async Task A_double_that_overrides_nothing_fails_loudly_instead_of_pretending()
    {
        var bare = new BareOrders();
        var callbacks = new BareCallbacks();

        var send = await Assert.ThrowsAsync<InvalidOperationException>(() => bare.GetAsync(Samples.OutOrderNo, Samples.Query));
        Assert.Contains("override SendAsync", send.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await callbacks.ReadAsync(ReadOnlyMemory<byte>.Empty, new CallbackHeaders(null, null, null, null)));
    }

    private sealed class RecordingOrders : ServiceOrderService
    {
        public List<PreparedCall> Calls { get; } = [];

        public override Task<ServiceOrder?> SendAsync(PreparedCall call, CancellationToken cancellationToken = default)
        {
            Calls.Add(call);
            return Task.FromResult(call.Operation == ServiceOrderOperation.Create ? new ServiceOrder { State = "CREATED" } : null);
        }
    }

    private sealed class RefusingCallbacks : CallbackReader
    {
        public override ValueTask<CallbackResult> ReadAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(CallbackResult.Invalid(CallbackFailure.InvalidSignature, "test double"));
    }

    private sealed class BareOrders : ServiceOrderService;

    private sealed class BareCallbacks : CallbackReader;
}
