namespace WxPayScore.Sandbox;

/// <summary>Settings of the sandbox, bound from the configuration section <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Where the standalone host listens; port 0 picks a free port (read the result from <see cref="SandboxHost.BaseUrl"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5090";

    /// <summary>Folder of the sandbox's WeChat Pay key pair, platform certificate and (with <see cref="Persistence"/> = Sqlite) its database.</summary>
    public string DataPath { get; set; } = "sandbox-data";

    /// <summary>Use this PEM private key as the sandbox's WeChat Pay key instead of generating one into <see cref="DataPath"/>.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Use this <c>PUB_KEY_ID_…</c> instead of the generated one.</summary>
    public string? PublicKeyId { get; set; }

    /// <summary><c>Memory</c> (default) or <c>Sqlite</c>: a file in <see cref="DataPath"/>, so a restart loses nothing.</summary>
    public string Persistence { get; set; } = "Memory";

    public List<SandboxServiceProvider> ServiceProviders { get; set; } = [];

    public List<SandboxService> Services { get; set; } = [];

    public List<SandboxMiniProgram> MiniPrograms { get; set; } = [];

    /// <summary>
    /// How the simulated user pays after a non-zero completion: <c>Immediate</c> (during the complete call),
    /// <c>Delayed</c> (<see cref="CollectionDelaySeconds"/> of business time later) or <c>FailUntilMerchant</c>
    /// (the deduction fails until the merchant calls <c>pay</c> or <c>sync</c>).
    /// </summary>
    public string CollectionMode { get; set; } = "Immediate";

    public int CollectionDelaySeconds { get; set; } = 60;

    /// <summary>Delays between callback attempts after a failure (spec §7.5), in business-clock seconds.</summary>
    public List<int> NotificationRetrySeconds { get; set; } = [15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600];

    /// <summary>Delays between <c>REFUND.*</c> notification attempts after a failure (refunds.md §5.3), in business-clock seconds.</summary>
    public List<int> RefundNotificationRetrySeconds { get; set; } = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

    /// <summary>Business-clock seconds from an accepted refund to SUCCESS (refunds.md §10.5); 0 answers SUCCESS at once.</summary>
    public int RefundSuccessDelaySeconds { get; set; } = 5;

    /// <summary>A refund within this many business-clock seconds of the previous one on the same transaction gets 429 (§10.3); 0 turns the rule off.</summary>
    public int RefundIntervalSeconds { get; set; } = 60;

    /// <summary><c>resource.associated_data</c> of refund notifications: <c>refund</c> (captured traffic) or empty (the official examples).</summary>
    public string RefundAssociatedData { get; set; } = "refund";

    /// <summary><c>funds_account</c> answered when the request sets none (<c>AVAILABLE</c>; the docs' examples show <c>UNSETTLED</c>).</summary>
    public string RefundFundsAccount { get; set; } = "AVAILABLE";

    /// <summary>
    /// At most this many callback requests in flight at once. Callbacks of different orders are delivered in parallel
    /// (one slow receiver or a <c>delay</c> fault holds up only its own order); those of one order stay one at a time, in order.
    /// </summary>
    public int MaxConcurrentNotifications { get; set; } = 16;

    /// <summary>How long a merchant has to answer a callback (WeChat: 5 s); shortened only by tests.</summary>
    internal TimeSpan NotificationAnswerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) the confirm page may return to. Empty (default): any http(s) <c>return_url</c>;
    /// set: only these, anything else is refused with a 400 page that says why.
    /// </summary>
    public List<string> AllowedReturnOrigins { get; set; } = [];

    /// <summary>Answer cancel/complete/modify/pay/sync with 200 and the order instead of 204 (spec §11.2).</summary>
    public bool LegacyCompleteResponse { get; set; }
}
