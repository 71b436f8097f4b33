using System.Diagnostics;
using System.Net;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Tests;

/// <summary>Every injected API fault, observed through the SDK as a merchant would see it.</summary>
public sealed class FaultTests() : SandboxTestBase(o => o.CollectionMode = "FailUntilMerchant")
{
    [Theory]
    [InlineData("system_error")]
    [InlineData("frequency_limited")]
    public async Task Transient_errors_are_retried_by_the_sdk_and_then_succeed(string kind)
    {
        var fault = Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = kind, Count = 2 });
        var created = await Merchant.Orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl));
        Assert.Equal(ServiceOrderPhase.Created, created.Status.Phase);
        Assert.Empty(Sandbox.Control.GetFaults()); // both hits used up
        Assert.Equal("F1", fault.Id);
    }

    [Theory]
    [InlineData("system_error", HttpStatusCode.InternalServerError, WeChatPayErrorCodes.SystemError, WeChatPayErrorKind.SystemError)]
    [InlineData("frequency_limited", HttpStatusCode.TooManyRequests, WeChatPayErrorCodes.FrequencyLimited, WeChatPayErrorKind.RateLimited)]
    public async Task Persistent_errors_reach_the_caller_after_the_retries_and_commit_nothing(string kind, HttpStatusCode status, string code, WeChatPayErrorKind errorKind)
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "*", Kind = kind, Percent = 100 });
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var ex = await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options), status, code);
        Assert.Equal(errorKind, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, Assert.Single(Sandbox.Control.GetFaults()).Hits); // 1 attempt + 3 retries
        Sandbox.Control.ClearFaults();
        Assert.Empty(Sandbox.Control.GetOrders());
    }

    [Fact]
    public async Task Dropped_connections_become_a_connection_exception_and_nothing_is_committed()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "drop_connection", Count = 10 });
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        await Assert.ThrowsAsync<WeChatPayConnectionException>(() => Merchant.Orders.CreateAsync(options));
        Assert.Empty(Sandbox.Control.GetOrders());
        Sandbox.Control.ClearFaults();

        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "drop_connection", Count = 1 });
        var created = await Merchant.Orders.CreateAsync(options); // the retry gets through
        Assert.Equal(options.OutOrderNo, created.OutOrderNo);
    }

    [Fact]
    public async Task Commit_then_drop_on_create_is_recovered_by_the_re_entrant_retry()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "commit_then_drop", Count = 1 });
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var created = await Merchant.Orders.CreateAsync(options);
        var order = Assert.Single(Sandbox.Control.GetOrders());
        Assert.Equal(order.Order.OrderId, created.OrderId);
        Assert.Equal(order.Package, created.Package);
    }

    [Fact]
    public async Task Commit_then_drop_on_every_attempt_leaves_a_committed_order_behind_an_unknown_outcome()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "complete", Kind = "commit_then_drop", Count = 10 });
        await Assert.ThrowsAsync<WeChatPayConnectionException>(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control)));
        Sandbox.Control.ClearFaults();
        // WeChat committed: the query (what the SDK's exception message tells to do) shows the completion.
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
    }

    [Fact]
    public async Task Commit_then_drop_on_complete_is_recovered_by_an_identical_retry()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "complete", Kind = "commit_then_drop", Count = 1 });
        await Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control));
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
    }

    [Fact]
    public async Task Commit_then_delay_commits_at_once_and_answers_after_the_delay()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "commit_then_delay", DelayMs = 1500, Count = 1 });
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var watch = Stopwatch.StartNew();
        var pending = Merchant.Orders.CreateAsync(options);

        // Committed while the answer is still held: the window a merchant process can die in.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (Sandbox.Control.GetOrders().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Single(Sandbox.Control.GetOrders());
        Assert.False(pending.IsCompleted);
        var created = await pending;
        Assert.True(watch.ElapsedMilliseconds >= 1400, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Assert.Single(Sandbox.Control.GetOrders()).Order.OrderId, created.OrderId);

        var invalid = await Assert.ThrowsAsync<SandboxControlException>(() =>
            Task.FromResult(Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "commit_then_delay" })));
        Assert.Contains("delay_ms", invalid.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_signature", ResponseVerificationFailure.InvalidSignature)]
    [InlineData("signtest_signature", ResponseVerificationFailure.SignatureProbe)]
    public async Task Bad_response_signatures_are_treated_as_forged(string kind, ResponseVerificationFailure failure)
    {
        var created = await Scenario.CreatedAsync(Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "query", Kind = kind });
        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Scenario.GetAsync(Merchant, created.OutOrderNo!));
        Assert.Equal(failure, ex.Failure);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));

        // Also on a 204 (the empty-body signature).
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "cancel", Kind = kind });
        await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Merchant.Orders.CancelAsync(no, Requests.Cancel()));
    }

    [Fact]
    public async Task Delay_answers_after_the_delay()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "query", Kind = "delay", DelayMs = 300 });
        var watch = Stopwatch.StartNew();
        await Scenario.GetAsync(Merchant, created.OutOrderNo!);
        Assert.True(watch.ElapsedMilliseconds >= 300);
    }

    [Fact]
    public void Invalid_fault_requests_are_refused()
    {
        Assert.Equal(400, Assert.Throws<SandboxControlException>(() => Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "system_error" })).StatusCode);
        Assert.Equal(400, Assert.Throws<SandboxControlException>(() => Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = "duplicate" })).StatusCode);
        Assert.Equal(400, Assert.Throws<SandboxControlException>(() => Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "nope", Kind = "delay", DelayMs = 1 })).StatusCode);
    }
}
