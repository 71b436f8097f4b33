using System.Globalization;
using System.Text;

namespace WxPayScore.LoadTest.Soak;

/// <summary>The verdict table of a soak.</summary>
internal sealed class SoakReport
{
    private readonly string text;

    public SoakReport(SoakOptions options, FaultSchedule faults, SoakStats stats, Verdict.Result r, IReadOnlyDictionary<string, int> hits, int kills,
        double? convergedAfterLastKill, double? convergedAfterLoad, double? meanRestart, string loadAverage, string? database)
    {
        Passed = r.Lost == 0 && r.Duplicates == 0 && r.UnknownToServer == 0 && r.Diverged == 0 && r.Contradicted == 0 && r.AppliedTwice == 0;
        var b = new StringBuilder();
        void Line(string name, object value, string note = "") =>
            b.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-52} {value,10}  {note}"));
        string Must(int n) => n == 0 ? "ok (must be 0)" : "FAIL (must be 0)";

        b.AppendLine();
        b.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"SOAK VERDICT — {options.Storage}, {options.InstanceCount} instance(s), {options.Users} users, {options.Duration.TotalSeconds:0} s, fault rate {options.FaultRate} %, " +
            $"faults on half of every {options.FaultPeriod.TotalSeconds:0} s, kill -9 every ~{options.KillEvery.TotalSeconds:0} s while faults are on, seed {options.Seed}"));
        b.AppendLine("  faults: " + faults.Describe());
        b.AppendLine("orders");
        Line("attempted (POST /api/orders)", r.Attempted);
        Line("created (201 to the user)", r.Created);
        Line("pending (5xx naming the order, left to the reconciler)", r.ToldPending);
        Line("confirmed (Pay Score page)", r.Confirmed);
        Line("completed (admin 200)", r.Completed);
        Line("cancelled (admin 200)", r.Cancelled);
        Line("modified (admin 200)", r.Modified);
        Line("payment failed, then pay (admin 200) / sync (admin 200)", $"{r.PaymentFailed}: {r.PayAgain} / {r.Synced}");
        Line("paid in two parts (¥1 first)", r.PaidInParts);
        Line("paid (WeChat collection USER_PAID)", r.Paid);
        Line("orders at the server / at WeChat", $"{r.ServerOrders} / {r.WeChatOrders}");
        Line("server phases", string.Join(", ", r.ServerPhases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        b.AppendLine("verdict");
        Line("lost (told created/pending, unknown to server or WeChat)", r.Lost, Must(r.Lost));
        Line("duplicate orders at WeChat", r.Duplicates, Must(r.Duplicates));
        Line("orders at WeChat unknown to the server", r.UnknownToServer, Must(r.UnknownToServer));
        Line("final state differs between server and WeChat", r.Diverged, Must(r.Diverged));
        Line("final state contradicts what user/merchant was told", r.Contradicted, Must(r.Contradicted));
        Line("callbacks applied more than once", r.AppliedTwice, Must(r.AppliedTwice));
        Line("callbacks applied / deliveries logged", $"{r.CallbacksApplied} / {r.CallbackDeliveries}",
            string.Join(", ", r.DeliveriesByOutcome.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        b.AppendLine("faults injected (sandbox rule hits) and kills");
        foreach (var (kind, n) in hits.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            Line(kind, n);
        }

        Line("kill -9 of a server instance", kills, meanRestart is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"mean {meanRestart:0.0} s until it answered again"));
        Line("reconciler converged, after the last kill", Seconds(convergedAfterLastKill), kills == 0 ? "(no kill: from the end of the load)" : string.Empty);
        Line("reconciler converged, after the load stopped", Seconds(convergedAfterLoad));
        b.AppendLine("5xx (and no answer) to users and merchant, by cause");
        if (stats.ServerErrors.IsEmpty)
        {
            Line("(none)", 0);
        }

        foreach (var (cause, n) in stats.ServerErrors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            Line(cause.Length > 52 ? cause[..52] : cause, n, cause.Length > 52 ? cause[52..] : string.Empty);
        }

        b.AppendLine("throughput (2xx/s) and p99 of requests to the server, same run");
        var (_, _, cleanP99, _) = stats.Latency(SoakWindow.Clean).Percentiles();
        var cleanRate = stats.Rate(SoakWindow.Clean);
        foreach (var (window, name) in new[]
                 {
                     (SoakWindow.Clean, "without faults (all up, no sandbox faults)"),
                     (SoakWindow.Faults, "sandbox faults on (all up)"),
                     (SoakWindow.InstanceDown, "an instance killed, not answering yet"),
                 })
        {
            var (_, _, p99, _) = stats.Latency(window).Percentiles();
            var rate = stats.Rate(window);
            var ratio = window == SoakWindow.Clean || stats.All(window) == 0 || cleanRate <= 0 || cleanP99 <= 0
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" = {rate / cleanRate:0.00}x / {p99 / cleanP99:0.00}x of without faults");
            Line(name, string.Create(CultureInfo.InvariantCulture, $"{rate:0.0}/s"),
                string.Create(CultureInfo.InvariantCulture, $"p99 {p99:0} ms{ratio}  ({stats.All(window)} requests, {stats.Ok(window)} 2xx, in {stats.Seconds(window):0} s)"));
        }

        b.AppendLine($"  machine: {Environment.ProcessorCount} cores, load average at the end {loadAverage}{(database is null ? string.Empty : $"; database {database}")}");
        if (r.Examples.Count > 0)
        {
            b.AppendLine("examples");
            foreach (var e in r.Examples)
            {
                b.AppendLine("  " + e);
            }
        }

        b.AppendLine(Passed ? "SOAK PASSED" : "SOAK FAILED");
        text = b.ToString();
    }

    public bool Passed { get; }

    public void Print(TextWriter writer) => writer.Write(text);

    public override string ToString() => text;

    private static string Seconds(double? s) => s is null ? "not converged" : string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s");
}
