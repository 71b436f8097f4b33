using Microsoft.Extensions.Logging;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.Sandbox.Security;

namespace WxPayScore.Sandbox.Hosting;

/// <summary>
/// The sandbox's parts together, and their one-time start: the saved state is loaded into memory (orders, callbacks,
/// login codes, clock offset) and callbacks that were in flight when the process stopped become due again (deliveries run
/// on demand, one lane per order). Every entry point calls <see cref="EnsureStarted"/>.
/// </summary>
internal sealed class SandboxRuntime
{
    private readonly object gate = new();
    private readonly ILogger<SandboxRuntime> logger;
    private volatile bool started;

    public SandboxRuntime(SandboxClock clock, SandboxKeys keys, ISandboxStore store, OrderBook orders, Refunds.RefundBook refunds, NotificationDispatcher notifications,
        LoginCodeBook logins, FaultInjector faults, ILogger<SandboxRuntime> logger)
    {
        Clock = clock;
        Keys = keys;
        Store = store;
        Orders = orders;
        Refunds = refunds;
        Notifications = notifications;
        Logins = logins;
        Faults = faults;
        this.logger = logger;
    }

    public SandboxClock Clock { get; }

    public SandboxKeys Keys { get; }

    public ISandboxStore Store { get; }

    public OrderBook Orders { get; }

    public Refunds.RefundBook Refunds { get; }

    public NotificationDispatcher Notifications { get; }

    public LoginCodeBook Logins { get; }

    public FaultInjector Faults { get; }

    public void EnsureStarted()
    {
        if (started)
        {
            return;
        }

        lock (gate)
        {
            if (started)
            {
                return;
            }

            var state = Store.Load();
            Clock.Restore(state.ClockOffset);
            Orders.Restore(state.Orders);
            Refunds.Restore(state.Refunds, state.RefundFunds);
            Notifications.Restore(state.Notifications);
            Logins.Restore(state.LoginCodes);
            Notifications.Start();
            started = true;
            logger.LogInformation("Sandbox started: {Orders} orders, {Notifications} callbacks restored; WeChat Pay key {PublicKeyId}",
                state.Orders.Count, state.Notifications.Count, Keys.PublicKeyId);
        }
    }

    /// <summary>Applies everything due on the business clock now.</summary>
    public void RunDue()
    {
        EnsureStarted();
        var now = Clock.UtcNow;
        Orders.RunDue(now);
        Refunds.RunDue(now);
        Notifications.RunDue(now);
        Logins.RunDue(now);
    }
}
