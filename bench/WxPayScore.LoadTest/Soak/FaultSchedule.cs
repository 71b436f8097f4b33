using System.Net.Http.Json;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// The sandbox faults of a soak: on for the second half of every period, off (rules cleared) for the first. While on,
/// every API kind and every callback kind gets a percent rule, so that about <c>rate</c> % of the WeChat API calls and of
/// the callbacks are hit by one fault or another.
/// </summary>
internal sealed class FaultSchedule
{
    public static readonly (string Kind, int? DelayMs)[] ApiKinds =
    [
        ("system_error", null), ("frequency_limited", null), ("delay", 2000), ("drop_connection", null), ("commit_then_drop", null),
        ("commit_then_delay", 3000),
    ];

    public static readonly (string Kind, int? DelayMs)[] NotifyKinds =
    [
        ("fail", null), ("duplicate", null), ("out_of_order", null), ("delay", 3000), ("never_deliver", null),
    ];

    private readonly HttpClient http;
    private readonly Uri sandbox;
    private readonly int rate;

    public FaultSchedule(HttpClient http, Uri sandbox, int rate)
    {
        this.http = http;
        this.sandbox = sandbox;
        this.rate = rate;
    }

    public int ApiPercentEach => Each(rate, ApiKinds.Length);

    public int NotifyPercentEach => Each(rate, NotifyKinds.Length);

    public string Describe() => rate == 0
        ? "no sandbox faults"
        : $"API ({string.Join(", ", ApiKinds.Select(k => k.Kind))}): {ApiPercentEach} % each; callbacks ({string.Join(", ", NotifyKinds.Select(k => k.Kind))}): {NotifyPercentEach} % each";

    public async Task OnAsync()
    {
        if (rate == 0)
        {
            return;
        }

        foreach (var (kind, delay) in ApiKinds)
        {
            await AddAsync("*", kind, ApiPercentEach, delay);
        }

        foreach (var (kind, delay) in NotifyKinds)
        {
            await AddAsync("notify", kind, NotifyPercentEach, delay);
        }
    }

    public async Task OffAsync()
    {
        using var answer = await http.DeleteAsync(new Uri(sandbox, "sandbox/faults"));
        answer.EnsureSuccessStatusCode();
    }

    /// <summary>Hits per fault rule so far (the rules are cleared at the end of each window, so the caller sums them up).</summary>
    public async Task<IReadOnlyList<(string Endpoint, string Kind, int Hits)>> HitsAsync()
    {
        var rules = await http.GetFromJsonAsync<List<Rule>>(new Uri(sandbox, "sandbox/faults")) ?? [];
        return rules.Select(r => (r.endpoint, r.kind, r.hits)).ToArray();
    }

    private async Task AddAsync(string endpoint, string kind, int percent, int? delay)
    {
        using var answer = await http.PostAsJsonAsync(new Uri(sandbox, "sandbox/faults"), new { endpoint, kind, percent, delay_ms = delay });
        answer.EnsureSuccessStatusCode();
    }

    private static int Each(int rate, int kinds) => Math.Max(1, (int)Math.Round(rate / (double)kinds));

#pragma warning disable IDE1006, CA1812 // wire names
    private sealed record Rule(string endpoint, string kind, int hits);
#pragma warning restore IDE1006, CA1812
}
