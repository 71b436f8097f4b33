using System.Net.Http.Json;
using System.Text.Json;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// Compares the server's orders (admin API), WeChat's (the sandbox's control API) and what the users and the merchant
/// were told (the tool's record), and counts the callbacks the server applied more than once (its notification log,
/// admin API: deliveries with outcome <c>applied</c> per notification id).
/// </summary>
internal sealed class Verdict
{
    private readonly HttpClient http;
    private readonly Uri server;
    private readonly Uri sandbox;
    private readonly string adminKey;

    public Verdict(HttpClient http, Uri server, Uri sandbox, string adminKey)
    {
        this.http = http;
        this.server = server;
        this.sandbox = sandbox;
        this.adminKey = adminKey;
    }

    public sealed record Result
    {
        public int Attempted { get; init; }
        public int Created { get; init; }
        public int ToldPending { get; init; }
        public int Confirmed { get; init; }
        public int Completed { get; init; }
        public int Cancelled { get; init; }
        public int Modified { get; init; }
        public int PaymentFailed { get; init; }
        public int PayAgain { get; init; }
        public int Synced { get; init; }
        public int PaidInParts { get; init; }
        public int Paid { get; init; }
        public int ServerOrders { get; init; }
        public int WeChatOrders { get; init; }
        public int Lost { get; init; }
        public int Duplicates { get; init; }
        public int UnknownToServer { get; init; }
        public int Diverged { get; init; }
        public int Contradicted { get; init; }
        public int AppliedTwice { get; init; }
        public int CallbacksApplied { get; init; }
        public int CallbackDeliveries { get; init; }
        public IReadOnlyDictionary<string, int> DeliveriesByOutcome { get; init; } = new Dictionary<string, int>();
        public IReadOnlyDictionary<string, int> ServerPhases { get; init; } = new Dictionary<string, int>();
        public IReadOnlyList<string> Examples { get; init; } = [];
    }

    public async Task<Result> ComputeAsync(IReadOnlyList<OrderAttempt> attempts)
    {
        var serverOrders = await PagesAsync("admin/api/orders?limit=500&offset=", e => e.GetProperty("items"));
        var deliveries = await PagesAsync("admin/api/notifications?limit=500&offset=", e => e);
        var wechat = await http.GetFromJsonAsync<JsonElement>(new Uri(sandbox, "sandbox/orders"));
        var examples = new List<string>();
        void Example(string text)
        {
            if (examples.Count < 20)
            {
                examples.Add(text);
            }
        }

        var byNo = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var o in serverOrders)
        {
            byNo[o.GetProperty("outOrderNo").GetString()!] = o;
        }

        var weChatByNo = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var o in wechat.EnumerateArray())
        {
            if (!weChatByNo.TryAdd(o.GetProperty("out_order_no").GetString()!, o))
            {
                duplicates++;
                Example("duplicate at WeChat: " + o.GetProperty("out_order_no").GetString());
            }
        }

        // One WeChat order id held by two server orders would be a duplicate too.
        duplicates += serverOrders.Select(o => Str(o, "weChatOrderId")).Where(id => id is not null).GroupBy(id => id).Sum(g => g.Count() - 1);

        var lost = 0;
        var contradicted = 0;
        foreach (var a in attempts.Where(a => a.OutOrderNo is not null))
        {
            var no = a.OutOrderNo!;
            var atServer = byNo.TryGetValue(no, out var s);
            var atWeChat = weChatByNo.TryGetValue(no, out var w);
            if ((a.ToldCreated || a.ToldPending) && !atServer)
            {
                lost++;
                Example($"lost: {no} (told {(a.ToldCreated ? "created" : "pending")}) unknown to the server");
                continue;
            }

            if (a.ToldCreated && !atWeChat)
            {
                lost++;
                Example($"lost: {no} (told created) unknown to WeChat");
                continue;
            }

            if (!atWeChat)
            {
                continue;
            }

            var order = w.GetProperty("order");
            var state = Str(order, "state");
            var description = Str(order, "state_description");
            var wrong = a.ToldCreated && Str(s, "phase") == "CREATE_FAILED" ? "told created, server says CREATE_FAILED"
                : a.ToldCompleted && !(state == "DONE" || description is "MCH_COMPLETE" or "USER_PAYING") ? $"told completed, WeChat {state}/{description}"
                : a.ToldCancelled && state != "REVOKED" ? $"told cancelled, WeChat {state}"
                : (a.ToldSynced || a.ToldPayAgain) && state != "DONE" ? $"told paid again / synced, WeChat {state}/{description}"
                : a.Confirmed && state == "CREATED" ? "confirmed, WeChat CREATED"
                : null;
            if (wrong is not null)
            {
                contradicted++;
                Example($"contradicts what was told: {no}: {wrong}");
            }
        }

        // Final states: every order on either side.
        var diverged = 0;
        var unknownToServer = 0;
        foreach (var (no, w) in weChatByNo)
        {
            if (!byNo.TryGetValue(no, out var s))
            {
                unknownToServer++;
                Example($"at WeChat, unknown to the server: {no}");
                continue;
            }

            var order = w.GetProperty("order");
            var collection = order.TryGetProperty("collection", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var weChat = (State: Str(order, "state"), Description: Str(order, "state_description"),
                Collection: collection.ValueKind == JsonValueKind.Object ? Str(collection, "state") : null,
                Paid: collection.ValueKind == JsonValueKind.Object ? Long(collection, "paid_amount") : 0,
                Total: Long(order, "total_amount"));
            var ours = (State: Str(s, "state"), Description: Str(s, "stateDescription"), Collection: Str(s, "collectionState"),
                Paid: Long(s, "paidAmount"), Total: Long(s, "totalAmount"));
            var sameTotal = weChat.State is "CREATED" or "REVOKED" || weChat.Total == ours.Total;
            if (weChat.State != ours.State || weChat.Description != ours.Description || weChat.Collection != ours.Collection || weChat.Paid != ours.Paid || !sameTotal)
            {
                diverged++;
                Example($"diverged: {no}: WeChat {weChat}, server {ours} (phase {Str(s, "phase")})");
            }
        }

        foreach (var (no, s) in byNo)
        {
            if (!weChatByNo.ContainsKey(no) && Str(s, "phase") != "CREATE_FAILED")
            {
                diverged++;
                Example($"diverged: {no}: server phase {Str(s, "phase")}, unknown to WeChat");
            }
        }

        var applied = deliveries.Where(d => string.Equals(Str(d, "outcome"), "applied", StringComparison.OrdinalIgnoreCase) && Str(d, "notificationId") is not null)
            .GroupBy(d => Str(d, "notificationId")).ToArray();
        var appliedTwice = applied.Count(g => g.Count() > 1);
        foreach (var g in applied.Where(g => g.Count() > 1).Take(5))
        {
            Example($"callback {g.Key} applied {g.Count()} times");
        }

        return new Result
        {
            Attempted = attempts.Count,
            Created = attempts.Count(a => a.ToldCreated),
            ToldPending = attempts.Count(a => a.ToldPending),
            Confirmed = attempts.Count(a => a.Confirmed),
            Completed = attempts.Count(a => a.ToldCompleted),
            Cancelled = attempts.Count(a => a.ToldCancelled),
            Modified = attempts.Count(a => a.ToldModified),
            PaymentFailed = attempts.Count(a => a.PaymentFailed),
            PayAgain = attempts.Count(a => a.ToldPayAgain),
            Synced = attempts.Count(a => a.ToldSynced),
            PaidInParts = attempts.Count(a => a.PaidInParts),
            Paid = weChatByNo.Values.Count(w => w.GetProperty("order").TryGetProperty("collection", out var c) && c.ValueKind == JsonValueKind.Object && Str(c, "state") == "USER_PAID"),
            ServerOrders = byNo.Count,
            WeChatOrders = weChatByNo.Count,
            Lost = lost,
            Duplicates = duplicates,
            UnknownToServer = unknownToServer,
            Diverged = diverged,
            Contradicted = contradicted,
            AppliedTwice = appliedTwice,
            CallbacksApplied = applied.Length,
            CallbackDeliveries = deliveries.Count,
            DeliveriesByOutcome = deliveries.GroupBy(d => Str(d, "outcome") ?? "?").ToDictionary(g => g.Key, g => g.Count()),
            ServerPhases = serverOrders.GroupBy(o => Str(o, "phase") ?? "?").ToDictionary(g => g.Key, g => g.Count()),
            Examples = examples,
        };
    }

    private async Task<List<JsonElement>> PagesAsync(string path, Func<JsonElement, JsonElement> items)
    {
        // Rows are deduplicated by their text: a page boundary moves when a row arrives between two pages.
        var all = new List<JsonElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += 500)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path + offset));
            request.Headers.Add("X-Api-Key", adminKey);
            using var answer = await http.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            var page = items(await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.Clone()).ToList();
            all.AddRange(page.Where(e => seen.Add(e.GetRawText())));
            if (page.Count < 500)
            {
                return all;
            }
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
