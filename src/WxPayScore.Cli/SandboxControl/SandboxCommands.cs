using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.SandboxControl;

/// <summary><c>sandbox confirm|reject|advance|fault|notifications|resend</c>: the sandbox's control API from the terminal.</summary>
internal static partial class SandboxCommands
{
    private static readonly Option<string?> SandboxUrl = new("--sandbox-url")
    {
        Description = "The sandbox's address; defaults to WeChatPay:BaseUrl.",
        HelpName = "URL",
        Recursive = true,
    };

    public static Command Create(CliConsole console)
    {
        var sandbox = new Command("sandbox", "Drives the WxPayScore sandbox: the user's side of the confirm page, its clock, faults and callbacks.") { SandboxUrl };
        sandbox.Add(Confirm(console));
        sandbox.Add(Reject(console));
        sandbox.Add(Advance(console));
        sandbox.Add(Fault(console));
        sandbox.Add(Notifications(console));
        sandbox.Add(Resend(console));
        return sandbox;
    }

    private static Command Confirm(CliConsole console)
    {
        var package = new Option<string>("--package") { Description = "The package of the create answer.", Required = true };
        var user = new Option<string?>("--user") { Description = "The simulated user (default sandbox-user)." };
        var command = new Command("confirm", "The user confirms the order of a package (the package is spent, as on the real page).") { package, user };
        Run(command, console, async (client, parse, output, ct) =>
        {
            var body = new JsonObject { ["package"] = parse.GetRequiredValue(package), ["user"] = parse.GetValue(user) };
            var confirmation = await client.PostAsync("/sandbox/confirm", body, ct).ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true, ["confirmation"] = confirmation?.DeepClone() });
            output.Line("confirmed.");
            Fields(output, confirmation, "out_order_no", "sub_mchid", "query_id", "openid");
        });
        return command;
    }

    private static Command Reject(CliConsole console)
    {
        var package = new Option<string>("--package") { Description = "The package of the create answer.", Required = true };
        var user = new Option<string?>("--user") { Description = "The simulated user (default sandbox-user)." };
        var refuse = new Option<bool>("--refuse") { Description = "Instead of the user declining, Pay Score's assessment refuses the user (#refuse)." };
        var command = new Command("reject", "The user declines the order on the confirm page (#reject): it stays CREATED, no callback.") { package, user, refuse };
        Run(command, console, async (client, parse, output, ct) =>
        {
            var button = parse.GetValue(refuse) ? "refuse" : "reject";
            var outcome = await client.PressAsync(parse.GetRequiredValue(package), parse.GetValue(user), button, ct).ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true, ["outcome"] = outcome });
            output.Line($"the confirm page shows: {outcome}");
        });
        return command;
    }

    private static Command Advance(CliConsole console)
    {
        var by = new Argument<string>("DURATION") { Description = "How far to move the business clock: seconds, or e.g. 90s, 15m, 2h, 31d, 1d12h." };
        var command = new Command("advance", "Moves the business clock forward; expiries, delayed collections and callback retries that fall due run on the way.") { by };
        Run(command, console, async (client, parse, output, ct) =>
        {
            var seconds = ParseDuration(parse.GetRequiredValue(by));
            var clock = await client.PostAsync("/sandbox/clock/advance", new JsonObject { ["seconds"] = seconds }, ct).ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true, ["clock"] = clock?.DeepClone() });
            output.Line($"business clock moved {seconds} s.");
            Fields(output, clock, "now", "wall_now", "offset_seconds");
        });
        return command;
    }

    private static Command Fault(CliConsole console)
    {
        var fault = new Command("fault", "Fault injection: add, list, clear.");
        var endpoint = new Option<string>("--endpoint") { Description = "create, query, cancel, modify, complete, pay, sync, certificates, * or notify.", Required = true };
        var kind = new Option<string>("--kind") { Description = "e.g. system_error, frequency_limited, delay, drop_connection, commit_then_drop, invalid_signature, signtest_signature; notify: duplicate, out_of_order, fail, never_deliver, signtest_probe, delay.", Required = true };
        var count = new Option<int?>("--count") { Description = "For the next N calls (default: the next call)." };
        var percent = new Option<int?>("--percent") { Description = "For P % of calls, until cleared." };
        var delay = new Option<int?>("--delay-ms") { Description = "For delay kinds." };
        var add = new Command("add", "Adds a fault rule.") { endpoint, kind, count, percent, delay };
        Run(add, console, async (client, parse, output, ct) =>
        {
            var body = new JsonObject
            {
                ["endpoint"] = parse.GetRequiredValue(endpoint),
                ["kind"] = parse.GetRequiredValue(kind),
                ["count"] = parse.GetValue(count),
                ["percent"] = parse.GetValue(percent),
                ["delay_ms"] = parse.GetValue(delay),
            };
            var rule = await client.PostAsync("/sandbox/faults", body, ct).ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true, ["fault"] = rule?.DeepClone() });
            output.Line("fault added.");
            Fields(output, rule, "id", "endpoint", "kind", "remaining", "percent", "delay_ms");
        });
        var list = new Command("list", "Lists the active fault rules.");
        Run(list, console, async (client, parse, output, ct) =>
        {
            var rules = await client.GetAsync("/sandbox/faults", ct).ConfigureAwait(false) as JsonArray ?? [];
            output.Document(new JsonObject { ["ok"] = true, ["faults"] = rules.DeepClone() });
            output.Line(rules.Count == 0 ? "no active faults." : $"{rules.Count} active fault(s):");
            foreach (var rule in rules)
            {
                output.Line($"  {Text(rule, "id")}  {Text(rule, "endpoint")} {Text(rule, "kind")}  remaining {Text(rule, "remaining") ?? "∞"}  hits {Text(rule, "hits")}");
            }
        });
        var clear = new Command("clear", "Removes every fault rule.");
        Run(clear, console, async (client, parse, output, ct) =>
        {
            await client.DeleteAsync("/sandbox/faults", ct).ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true });
            output.Line("faults cleared.");
        });
        fault.Add(add);
        fault.Add(list);
        fault.Add(clear);
        return fault;
    }

    private static Command Notifications(CliConsole console)
    {
        var wait = new Option<bool>("--wait") { Description = "Wait for deliveries in flight first." };
        var order = new Option<string?>("--order") { Description = "Only the callbacks of this out_order_no.", HelpName = "OUT_ORDER_NO" };
        var command = new Command("notifications", "Every callback the sandbox sent, with each delivery attempt.") { wait, order };
        Run(command, console, async (client, parse, output, ct) =>
        {
            var all = await client.GetAsync("/sandbox/notifications" + (parse.GetValue(wait) ? "?wait=true" : string.Empty), ct).ConfigureAwait(false) as JsonArray ?? [];
            var only = parse.GetValue(order);
            var selected = new JsonArray(all.Where(n => only is null || Text(n, "out_order_no") == only).Select(n => n?.DeepClone()).ToArray());
            output.Document(new JsonObject { ["ok"] = true, ["notifications"] = selected });
            output.Line(selected.Count == 0 ? "no callbacks." : $"{selected.Count} callback(s):");
            foreach (var notification in selected)
            {
                var attempts = notification?["attempts"] as JsonArray ?? [];
                var last = attempts.Count > 0 ? attempts[^1] : null;
                output.Line($"  {Text(notification, "id")}  {Text(notification, "event_type"),-22} {Text(notification, "out_order_no")}  {Text(notification, "state")}" +
                    $"  {attempts.Count} attempt(s)" + (last is null ? string.Empty : $", last: {Text(last, "kind")} → {Text(last, "status_code") ?? Text(last, "error")}"));
            }
        });
        return command;
    }

    private static Command Resend(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The callback's id (from `sandbox notifications`)." };
        var command = new Command("resend", "Delivers a callback once more, now (same id and body, fresh signature).") { id };
        Run(command, console, async (client, parse, output, ct) =>
        {
            var notification = await client.PostAsync("/sandbox/notifications/" + Uri.EscapeDataString(parse.GetRequiredValue(id)) + "/resend", null, ct)
                .ConfigureAwait(false);
            output.Document(new JsonObject { ["ok"] = true, ["notification"] = notification?.DeepClone() });
            var attempts = notification?["attempts"] as JsonArray ?? [];
            output.Line($"resent {Text(notification, "id")} ({Text(notification, "event_type")}, {Text(notification, "out_order_no")}): {Text(notification, "state")}, {attempts.Count} attempt(s)" +
                (attempts.Count > 0 ? $", last answered {Text(attempts[^1], "status_code") ?? Text(attempts[^1], "error")}" : string.Empty));
        });
        return command;
    }

    private static void Run(Command command, CliConsole console, Func<SandboxClient, ParseResult, CliOutput, CancellationToken, Task> body)
    {
        CommandRunner.SetAction(command, console, async (parse, output, cancellationToken) =>
        {
            using var client = new SandboxClient(ResolveUrl(console, parse));
            await body(client, parse, output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
    }

    private static Uri ResolveUrl(CliConsole console, ParseResult parse)
    {
        var text = parse.GetValue(SandboxUrl) ?? CliSettings.Load(console, parse).Configuration["WeChatPay:BaseUrl"];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("No sandbox address: pass --sandbox-url or set WeChatPay:BaseUrl to the sandbox.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{text}' is not an absolute http(s) URL.");
        }

        if (url.Host.EndsWith("weixin.qq.com", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"{url} is WeChat Pay itself, not a sandbox: pass --sandbox-url.");
        }

        return new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
    }

    internal static long ParseDuration(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            throw new UsageException($"DURATION '{text}' must be seconds or parts like 90s, 15m, 2h, 31d, 1d12h.");
        }

        return matches.Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch
        {
            "d" => 86_400,
            "h" => 3_600,
            "m" => 60,
            _ => 1,
        });
    }

    private static void Fields(CliOutput output, JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            output.Field(name, Text(node, name), 16);
        }
    }

    private static string? Text(JsonNode? node, string name) => node?[name] switch
    {
        null => null,
        JsonValue value => value.ToString(),
        var other => other.ToJsonString(),
    };

    [GeneratedRegex("([0-9]+)([dhms])")]
    private static partial Regex DurationPart();
}
