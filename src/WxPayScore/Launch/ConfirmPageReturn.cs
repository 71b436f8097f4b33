namespace WxPayScore.Launch;

/// <summary>
/// What the merchant mini program sees when the user comes back from the Pay Score page (App.onShow / onLaunch).
/// <para>This proves nothing: a <c>query_id</c> only lets you look the order up, and its absence does not mean the user
/// did not confirm (the back arrow returns no data). Query the order (or wait for the signed callback) and trust only that.</para>
/// </summary>
public sealed record ConfirmPageReturn(bool IsFromPayScore, string? QueryId)
{
    /// <summary>Scene "returned from another mini program".</summary>
    public const int ReturnScene = 1038;

    /// <summary>Reads <c>options.scene</c>, <c>options.referrerInfo.appId</c> and <c>options.referrerInfo.extraData.query_id</c>.</summary>
    public static ConfirmPageReturn Read(int scene, string? referrerAppId, IReadOnlyDictionary<string, string?>? extraData)
    {
        var fromPayScore = scene == ReturnScene && referrerAppId == LaunchParameters.PayScoreAppId;
        string? queryId = null;
        if (fromPayScore && extraData is not null && extraData.TryGetValue("query_id", out var q) && !string.IsNullOrEmpty(q))
        {
            queryId = q;
        }

        return new ConfirmPageReturn(fromPayScore, queryId);
    }
}
