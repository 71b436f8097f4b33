namespace WxPayScore.Security;

/// <summary>The parsed <c>Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…</c> header (the order of the pairs is free).</summary>
internal sealed record AuthorizationHeader(string MchId, string NonceStr, string Signature, string Timestamp, string SerialNo)
{
    public static bool TryParse(string? header, out AuthorizationHeader? result)
    {
        result = null;
        if (header is null || !header.StartsWith(RsaSignature.Scheme + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header[(RsaSignature.Scheme.Length + 1)..].Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var key = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            if (value.Length < 2 || value[0] != '"' || value[^1] != '"' || !values.TryAdd(key, value[1..^1]))
            {
                return false;
            }
        }

        if (values.TryGetValue("mchid", out var mchId) && values.TryGetValue("nonce_str", out var nonce) &&
            values.TryGetValue("signature", out var signature) && values.TryGetValue("timestamp", out var timestamp) &&
            values.TryGetValue("serial_no", out var serial) && values.Count == 5)
        {
            result = new AuthorizationHeader(mchId, nonce, signature, timestamp, serial);
            return true;
        }

        return false;
    }
}
