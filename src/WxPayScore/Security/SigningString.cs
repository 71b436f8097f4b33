using System.Buffers;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// The byte-exact strings that WeChat Pay signs (apiv3-security.md §2.1 and §3.2). Every line ends with
/// <c>\n</c>, the last one included; the body line is the raw bytes, never re-serialised JSON.
/// </summary>
public static class SigningString
{
    private const byte NewLine = (byte)'\n';

    /// <summary><c>METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n</c> for a request.</summary>
    public static byte[] ForRequest(string method, string canonicalUrl, long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        ArgumentNullException.ThrowIfNull(nonce);
        var size = Encoding.UTF8.GetByteCount(method) + Encoding.UTF8.GetByteCount(canonicalUrl) + 20 +
                   Encoding.UTF8.GetByteCount(nonce) + body.Length + 5;
        var buffer = new ArrayBufferWriter<byte>(size);
        WriteLine(buffer, method.ToUpperInvariant());
        WriteLine(buffer, canonicalUrl);
        WriteNumberLine(buffer, timestamp);
        WriteLine(buffer, nonce);
        WriteBytesLine(buffer, body);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>TIMESTAMP\nNONCE\nBODY\n</c> for a response or a notification.</summary>
    public static byte[] ForResponse(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var buffer = new ArrayBufferWriter<byte>(timestamp.Length + nonce.Length + body.Length + 3);
        WriteLine(buffer, timestamp);
        WriteLine(buffer, nonce);
        WriteBytesLine(buffer, body);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        var written = Encoding.UTF8.GetBytes(text, span);
        span[written] = NewLine;
        buffer.Advance(written + 1);
    }

    private static void WriteNumberLine(ArrayBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(21);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        span[written] = NewLine;
        buffer.Advance(written + 1);
    }

    private static void WriteBytesLine(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        buffer.Write(bytes);
        buffer.Write([NewLine]);
    }
}
