using System.Globalization;
using System.Security.Cryptography;

namespace WxPayScore.Sandbox.Faults;

/// <summary>Holds the fault rules and decides, call by call, which one fires. Thread-safe.</summary>
internal sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<Rule> rules = [];
    private int nextId;

    public SandboxFault Add(SandboxFaultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = (request.Endpoint ?? FaultEndpoints.Any).Trim().ToLowerInvariant();
        var kind = (request.Kind ?? string.Empty).Trim().ToLowerInvariant();
        if (!FaultEndpoints.All.Contains(endpoint))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", $"endpoint must be one of {string.Join('|', FaultEndpoints.All)}; got '{request.Endpoint}'.");
        }

        var allowed = endpoint == FaultEndpoints.Notify ? FaultKinds.NotifyKinds : FaultKinds.ApiKinds;
        if (!allowed.Contains(kind))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", $"kind for endpoint '{endpoint}' must be one of {string.Join('|', allowed)}; got '{request.Kind}'.");
        }

        if (request.Count is <= 0 || request.Percent is < 1 or > 100 || request.DelayMs is < 0 or > 600_000)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "count must be > 0, percent 1..100, delay_ms 0..600000.");
        }

        if (kind is FaultKinds.Delay or FaultKinds.CommitThenDelay && request.DelayMs is null)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", $"kind '{kind}' needs delay_ms.");
        }

        lock (gate)
        {
            var rule = new Rule
            {
                Id = "F" + (++nextId).ToString(CultureInfo.InvariantCulture),
                Endpoint = endpoint,
                Kind = kind,
                Remaining = request.Count ?? (request.Percent is null ? 1 : null),
                Percent = request.Percent,
                DelayMs = request.DelayMs,
            };
            rules.Add(rule);
            return rule.ToView();
        }
    }

    public IReadOnlyList<SandboxFault> List()
    {
        lock (gate)
        {
            return rules.Select(r => r.ToView()).ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>The fault to apply to this call of <paramref name="endpoint"/>, if one fires (and counts it).</summary>
    public SandboxFault? Take(string endpoint, Func<string, bool>? applies = null)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                var matches = rule.Endpoint == endpoint || (rule.Endpoint == FaultEndpoints.Any && endpoint != FaultEndpoints.Notify);
                if (!matches || (applies is not null && !applies(rule.Kind)))
                {
                    continue;
                }

                if (rule.Percent is { } percent && RandomNumberGenerator.GetInt32(100) >= percent)
                {
                    continue;
                }

                rule.Hits++;
                if (rule.Remaining is not null)
                {
                    rule.Remaining--;
                    if (rule.Remaining == 0)
                    {
                        rules.Remove(rule);
                    }
                }

                return rule.ToView();
            }

            return null;
        }
    }

    private sealed class Rule
    {
        public required string Id { get; init; }

        public required string Endpoint { get; init; }

        public required string Kind { get; init; }

        public int? Remaining { get; set; }

        public int? Percent { get; init; }

        public int? DelayMs { get; init; }

        public int Hits { get; set; }

        public SandboxFault ToView() => new()
        {
            Id = Id, Endpoint = Endpoint, Kind = Kind, Remaining = Remaining, Percent = Percent, DelayMs = DelayMs, Hits = Hits,
        };
    }
}
