using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.Cli.Json;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Orders;

/// <summary>
/// <c>orders get|by-query-id|complete|cancel|modify|pay|sync</c>: the SDK's calls with its local validation and typed
/// errors. A state-changing call reads the order first (shown in the confirmation prompt and checked locally) and asks
/// before sending unless <c>--yes</c>.
/// </summary>
internal static class OrdersCommands
{
    private static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask before a state-changing call." };

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var orders = new Command("orders", "Service orders of PayScore:ServiceId for PayScore:SubMchId, through the SDK.");
        orders.Add(Get(console));
        orders.Add(ByQueryId(console));
        orders.Add(Complete(console, time));
        orders.Add(Cancel(console));
        orders.Add(Modify(console));
        orders.Add(Pay(console));
        orders.Add(Sync(console, time));
        return orders;
    }

    private static Argument<string> OutOrderNo() => new("OUT_ORDER_NO") { Description = "The merchant's order number." };

    private static Command Get(CliConsole console)
    {
        var outOrderNo = OutOrderNo();
        var command = new Command("get", "Queries an order by out_order_no.") { outOrderNo };
        CommandRunner.SetAction(command, console, async (parse, output, cancellationToken) =>
        {
            var settings = CliSettings.Load(console, parse);
            await using var connection = MerchantConnection.Open(settings);
            var order = await connection.Orders.GetAsync(parse.GetRequiredValue(outOrderNo), GetOptions(settings), cancellationToken).ConfigureAwait(false);
            Print(output, order, "order");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ByQueryId(CliConsole console)
    {
        var queryId = new Argument<string>("QUERY_ID") { Description = "The query_id the Pay Score page handed back to the mini program." };
        var command = new Command("by-query-id", "Queries an order by the query_id of the confirm page (the verified answer says whether the user confirmed).") { queryId };
        CommandRunner.SetAction(command, console, async (parse, output, cancellationToken) =>
        {
            var settings = CliSettings.Load(console, parse);
            await using var connection = MerchantConnection.Open(settings);
            var order = await connection.Orders.GetByQueryIdAsync(parse.GetRequiredValue(queryId), GetOptions(settings), cancellationToken).ConfigureAwait(false);
            Print(output, order, "order");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Complete(CliConsole console, TimeProvider time)
    {
        var outOrderNo = OutOrderNo();
        var fees = FeesOption(required: true);
        var discounts = DiscountsOption();
        var total = TotalOption();
        var endTime = new Option<string?>("--end-time") { Description = "When the service ended: yyyyMMddHHmmss (Beijing time) or 'now'; required if the order was created without one.", HelpName = "TIME" };
        var command = new Command("complete", "Completes an order (完结): fee lines, total, end time.") { outOrderNo, fees, discounts, total, endTime, Yes };
        CommandRunner.SetAction(command, console, (parse, output, cancellationToken) => StateChangeAsync(parse, console, output, outOrderNo, "complete",
            (settings, current) =>
            {
                var payments = parse.GetValue(fees)!.Select(FeeLine.ParsePayment).ToArray();
                var discountLines = parse.GetValue(discounts) is { Length: > 0 } d ? d.Select(FeeLine.ParseDiscount).ToArray() : null;
                var options = new ServiceOrderCompleteOptions
                {
                    ServiceId = settings.RequireServiceId(),
                    SubMchId = settings.RequireSubMchId(),
                    PostPayments = payments,
                    PostDiscounts = discountLines,
                    TotalAmount = parse.GetValue(total) ?? Total(payments, discountLines),
                    TimeRange = parse.GetValue(endTime) is { } end ? new TimeRange { EndTime = ParseTime(end, time, "--end-time") } : null,
                    CurrentOrder = current,
                };
                return ($"complete with total {options.TotalAmount} fen ({string.Join(", ", payments.Select(p => $"{p.Name} {p.Amount}"))})",
                    (orders, ct) => orders.CompleteAsync(current.OutOrderNo!, options, ct));
            }, cancellationToken));
        return command;
    }

    private static Command Cancel(CliConsole console)
    {
        var outOrderNo = OutOrderNo();
        var reason = new Option<string>("--reason") { Description = "Shown to the user (at most 50 characters).", Required = true };
        var command = new Command("cancel", "Cancels an order (取消).") { outOrderNo, reason, Yes };
        CommandRunner.SetAction(command, console, (parse, output, cancellationToken) => StateChangeAsync(parse, console, output, outOrderNo, "cancel",
            (settings, current) =>
            {
                var options = new ServiceOrderCancelOptions
                {
                    ServiceId = settings.RequireServiceId(), SubMchId = settings.RequireSubMchId(), Reason = parse.GetRequiredValue(reason), CurrentOrder = current,
                };
                return ($"cancel (reason: {options.Reason})", (orders, ct) => orders.CancelAsync(current.OutOrderNo!, options, ct));
            }, cancellationToken));
        return command;
    }

    private static Command Modify(CliConsole console)
    {
        var outOrderNo = OutOrderNo();
        var fees = FeesOption(required: true);
        var discounts = DiscountsOption();
        var total = TotalOption();
        var reason = new Option<string>("--reason") { Description = "Why the amount changes (at most 50 characters).", Required = true };
        var command = new Command("modify", "Lowers the amount of a completed, unpaid order (修改金额).") { outOrderNo, fees, discounts, total, reason, Yes };
        CommandRunner.SetAction(command, console, (parse, output, cancellationToken) => StateChangeAsync(parse, console, output, outOrderNo, "modify",
            (settings, current) =>
            {
                var payments = parse.GetValue(fees)!.Select(FeeLine.ParsePayment).ToArray();
                var discountLines = parse.GetValue(discounts) is { Length: > 0 } d ? d.Select(FeeLine.ParseDiscount).ToArray() : null;
                var options = new ServiceOrderModifyOptions
                {
                    ServiceId = settings.RequireServiceId(),
                    SubMchId = settings.RequireSubMchId(),
                    PostPayments = payments,
                    PostDiscounts = discountLines,
                    TotalAmount = parse.GetValue(total) ?? Total(payments, discountLines),
                    Reason = parse.GetRequiredValue(reason),
                    CurrentOrder = current,
                };
                return ($"modify the total from {current.TotalAmount} to {options.TotalAmount} fen (reason: {options.Reason})",
                    (orders, ct) => orders.ModifyAsync(current.OutOrderNo!, options, ct));
            }, cancellationToken));
        return command;
    }

    private static Command Pay(CliConsole console)
    {
        var outOrderNo = OutOrderNo();
        var command = new Command("pay", "Asks Pay Score to collect a completed order again now (催收扣款).") { outOrderNo, Yes };
        CommandRunner.SetAction(command, console, (parse, output, cancellationToken) => StateChangeAsync(parse, console, output, outOrderNo, "pay",
            (settings, current) =>
            {
                var options = new ServiceOrderPayOptions { ServiceId = settings.RequireServiceId(), SubMchId = settings.RequireSubMchId(), CurrentOrder = current };
                return ($"collect {current.TotalAmount} fen now", (orders, ct) => orders.PayAsync(current.OutOrderNo!, options, ct));
            }, cancellationToken));
        return command;
    }

    private static Command Sync(CliConsole console, TimeProvider time)
    {
        var outOrderNo = OutOrderNo();
        var paidTime = new Option<string>("--paid-time") { Description = "When the user paid another way: yyyyMMddHHmmss, yyyyMMdd (Beijing time) or 'now'.", Required = true, HelpName = "TIME" };
        var command = new Command("sync", "Tells Pay Score the user paid another way (同步订单信息, Order_Paid).") { outOrderNo, paidTime, Yes };
        CommandRunner.SetAction(command, console, (parse, output, cancellationToken) => StateChangeAsync(parse, console, output, outOrderNo, "sync",
            (settings, current) =>
            {
                var options = new ServiceOrderSyncOptions
                {
                    ServiceId = settings.RequireServiceId(),
                    SubMchId = settings.RequireSubMchId(),
                    Detail = new ServiceOrderSyncDetail { PaidTime = ParseTime(parse.GetRequiredValue(paidTime), time, "--paid-time") },
                    CurrentOrder = current,
                };
                return ($"mark as paid (Order_Paid at {options.Detail.PaidTime})", (orders, ct) => orders.SyncAsync(current.OutOrderNo!, options, ct));
            }, cancellationToken));
        return command;
    }

    private static async Task<int> StateChangeAsync(ParseResult parse, CliConsole console, CliOutput output, Argument<string> outOrderNo, string action,
        Func<CliSettings, ServiceOrder, (string Summary, Func<ServiceOrderService, CancellationToken, Task<ServiceOrder?>> Call)> prepare,
        CancellationToken cancellationToken)
    {
        var settings = CliSettings.Load(console, parse);
        var getOptions = GetOptions(settings);
        var number = parse.GetRequiredValue(outOrderNo);
        await using var connection = MerchantConnection.Open(settings);
        var current = await connection.Orders.GetAsync(number, getOptions, cancellationToken).ConfigureAwait(false);
        var (summary, call) = prepare(settings, current);
        if (!parse.GetValue(Yes))
        {
            console.Error.WriteLine($"Order {number} (sub-merchant {getOptions.SubMchId}) is {StatusText(current)}.");
            console.Error.Write($"About to {summary} at {settings.WeChatPay().BaseUrl}. Proceed? [y/N] ");
            var answer = (await console.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
            if (answer is not ("y" or "Y" or "yes" or "YES" or "Yes"))
            {
                throw new CheckFailedException("declined", $"Not confirmed: {action} was not sent (pass --yes to skip the question).");
            }
        }

        var answered = await call(connection.Orders, cancellationToken).ConfigureAwait(false);
        var after = answered ?? await connection.Orders.GetAsync(number, getOptions, cancellationToken).ConfigureAwait(false);
        output.Line($"{action}: done.");
        Print(output, after, "order");
        return ExitCodes.Ok;
    }

    private static ServiceOrderGetOptions GetOptions(CliSettings settings) =>
        new() { ServiceId = settings.RequireServiceId(), SubMchId = settings.RequireSubMchId() };

    private static Option<string[]> FeesOption(bool required) => new("--fee")
    {
        Description = "A fee line NAME:AMOUNT_IN_FEN[:DESCRIPTION], e.g. \"租借费用:300:3元/小时\" (repeatable).",
        Required = required,
        HelpName = "LINE",
    };

    private static Option<string[]> DiscountsOption() => new("--discount")
    {
        Description = "A discount line NAME:AMOUNT_IN_FEN[:DESCRIPTION] (repeatable).",
        HelpName = "LINE",
    };

    private static Option<long?> TotalOption() => new("--total") { Description = "Total in fen; defaults to Σ fees − Σ discounts.", HelpName = "FEN" };

    private static long Total(IEnumerable<PostPayment> payments, IEnumerable<PostDiscount>? discounts) =>
        payments.Sum(p => p.Amount ?? 0) - (discounts?.Sum(d => d.Amount ?? 0) ?? 0);

    private static ServiceTime ParseTime(string text, TimeProvider time, string option)
    {
        if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceTime.At(time.GetUtcNow());
        }

        return ServiceTime.TryParse(text, out var parsed)
            ? parsed
            : throw new UsageException($"{option} '{text}' must be yyyyMMddHHmmss or yyyyMMdd (Beijing time), or 'now'.");
    }

    private static string StatusText(ServiceOrder order) =>
        string.Join('/', new[] { order.State, order.StateDescription, order.Collection?.State }.Where(s => s is not null));

    internal static void Print(CliOutput output, ServiceOrder order, string key)
    {
        var json = JsonSerializer.SerializeToNode(order, CliJson.Options)!;
        output.Document(new JsonObject { ["ok"] = true, [key] = json, ["phase"] = order.Status.Phase.ToString() });
        output.Field("out_order_no", order.OutOrderNo);
        output.Field("state", StatusText(order) + $" ({order.Status.Phase})");
        output.Field("service_id", order.ServiceId);
        output.Field("sub_mchid", order.SubMchId);
        output.Field("service_introduction", order.ServiceIntroduction);
        output.Field("risk_fund", order.RiskFund is { } risk ? $"{risk.Name} {risk.Amount} fen" : null);
        output.Field("total_amount", order.TotalAmount is { } total ? $"{total} fen" : null);
        foreach (var payment in order.PostPayments ?? [])
        {
            output.Field("post_payment", $"{payment.Name} {payment.Amount} fen" + (payment.Description is null ? string.Empty : $" ({payment.Description})"));
        }

        foreach (var discount in order.PostDiscounts ?? [])
        {
            output.Field("post_discount", $"{discount.Name} {discount.Amount} fen");
        }

        if (order.Collection is { } collection)
        {
            output.Field("collection", string.Create(CultureInfo.InvariantCulture,
                $"{collection.State}: paid {collection.PaidAmount} fen, paying {collection.PayingAmount} fen"));
        }

        output.Field("time_range", order.TimeRange is { } range ? $"{range.StartTime} … {range.EndTime}" : null);
        output.Field("openid", order.OpenId);
        output.Field("order_id", order.OrderId);
    }
}
