using System.Text.Json.Serialization;

namespace WxPayScore.Launch;

/// <summary>
/// <c>extraData</c> for <c>wxpayScoreUse</c>: <c>package</c> only (the current contract), or with the legacy APIv2-signed
/// fields for merchants whose confirm page still demands them.
/// </summary>
public sealed record PayScoreExtraData
{
    /// <summary>The create answer's <c>package</c>, unchanged.</summary>
    [JsonPropertyName("package")]
    public required string Package { get; init; }

    /// <summary>Legacy signed form only: the merchant id.</summary>
    [JsonPropertyName("mch_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MchId { get; init; }

    /// <summary>Unix seconds, as a string.</summary>
    [JsonPropertyName("timestamp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timestamp { get; init; }

    /// <summary>Legacy signed form only: a random string.</summary>
    [JsonPropertyName("nonce_str")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NonceStr { get; init; }

    /// <summary>Legacy signed form only: <c>HMAC-SHA256</c>.</summary>
    [JsonPropertyName("sign_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SignType { get; init; }

    /// <summary>Legacy signed form only: the APIv2 signature.</summary>
    [JsonPropertyName("sign")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sign { get; init; }

    /// <summary>The parameters as name/value pairs (what is signed, and what the APP/JSAPI query strings carry).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToParameters()
    {
        yield return new("mch_id", MchId);
        yield return new("package", Package);
        yield return new("timestamp", Timestamp);
        yield return new("nonce_str", NonceStr);
        yield return new("sign_type", SignType);
        yield return new("sign", Sign);
    }

    /// <summary>The legacy signed form: HMAC-SHA256 with the APIv2 key over mch_id, nonce_str, package, sign_type, timestamp.</summary>
    public static PayScoreExtraData SignedLegacy(string mchId, string package, string apiV2Key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var unsigned = new PayScoreExtraData
        {
            Package = package,
            MchId = mchId,
            Timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            NonceStr = Security.Nonce.Create(),
            SignType = "HMAC-SHA256",
        };
        return unsigned with { Sign = Security.ApiV2Signature.HmacSha256(unsigned.ToParameters(), apiV2Key) };
    }
}
