using System.Buffers;
using System.Globalization;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// The byte-exact strings that WeChat Pay signs (apiv3-security.md §2.1 and §3.2). Every line ends with
/// <c>\n</c>, the last one included; the body line is the raw bytes, never re-serialised JSON.
/// </summary>
internal static class SigningString
{
    private const byte NewLine = (byte)'\n';

    /// <summary>Longest decimal <see cref="long"/>, sign included.</summary>
    private const int MaxTimestampBytes = 20;

    /// <summary><c>METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n</c> for a request.</summary>
    public static byte[] ForRequest(string method, string canonicalUrl, long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var upper = UpperMethod(method);
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        ArgumentNullException.ThrowIfNull(nonce);
        Span<byte> digits = stackalloc byte[MaxTimestampBytes];
        var timestampBytes = FormatTimestamp(timestamp, digits);
        var result = new byte[RequestLength(upper, canonicalUrl, timestampBytes.Length, nonce, body.Length)];
        WriteRequest(result, upper, canonicalUrl, timestampBytes, nonce, body);
        return result;
    }

    /// <summary><c>TIMESTAMP\nNONCE\nBODY\n</c> for a response or a notification.</summary>
    public static byte[] ForResponse(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var result = new byte[ResponseLength(timestamp, nonce, body.Length)];
        WriteResponse(result, timestamp, nonce, body);
        return result;
    }

    /// <summary>
    /// The request signing string in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the hot path: no copy of
    /// the body survives the call). The caller returns the buffer; <paramref name="length"/> bytes are valid.
    /// </summary>
    internal static byte[] RentRequest(string method, string canonicalUrl, long timestamp, ReadOnlySpan<char> nonce, ReadOnlySpan<byte> body, out int length)
    {
        var upper = UpperMethod(method);
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        Span<byte> digits = stackalloc byte[MaxTimestampBytes];
        var timestampBytes = FormatTimestamp(timestamp, digits);
        length = RequestLength(upper, canonicalUrl, timestampBytes.Length, nonce, body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        WriteRequest(buffer, upper, canonicalUrl, timestampBytes, nonce, body);
        return buffer;
    }

    /// <summary>The verification string in a rented buffer; see <see cref="RentRequest"/>.</summary>
    internal static byte[] RentResponse(string timestamp, string nonce, ReadOnlySpan<byte> body, out int length)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        length = ResponseLength(timestamp, nonce, body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        WriteResponse(buffer, timestamp, nonce, body);
        return buffer;
    }

    private static string UpperMethod(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        foreach (var c in method)
        {
            if (c is < 'A' or > 'Z')
            {
                return method.ToUpperInvariant();
            }
        }

        return method;
    }

    private static ReadOnlySpan<byte> FormatTimestamp(long timestamp, Span<byte> destination)
    {
        timestamp.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return destination[..written];
    }

    private static int RequestLength(string method, string canonicalUrl, int timestampLength, ReadOnlySpan<char> nonce, int bodyLength) =>
        Encoding.UTF8.GetByteCount(method) + Encoding.UTF8.GetByteCount(canonicalUrl) + timestampLength +
        Encoding.UTF8.GetByteCount(nonce) + bodyLength + 5;

    private static int ResponseLength(string timestamp, string nonce, int bodyLength) =>
        Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(nonce) + bodyLength + 3;

    private static void WriteRequest(Span<byte> destination, string method, string canonicalUrl, ReadOnlySpan<byte> timestamp, ReadOnlySpan<char> nonce, ReadOnlySpan<byte> body)
    {
        var position = WriteLine(destination, 0, method);
        position = WriteLine(destination, position, canonicalUrl);
        position = WriteLine(destination, position, timestamp);
        position = WriteLine(destination, position, nonce);
        WriteLine(destination, position, body);
    }

    private static void WriteResponse(Span<byte> destination, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var position = WriteLine(destination, 0, timestamp);
        position = WriteLine(destination, position, nonce);
        WriteLine(destination, position, body);
    }

    private static int WriteLine(Span<byte> destination, int position, ReadOnlySpan<char> text)
    {
        position += Encoding.UTF8.GetBytes(text, destination[position..]);
        destination[position] = NewLine;
        return position + 1;
    }

    private static int WriteLine(Span<byte> destination, int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
        destination[position] = NewLine;
        return position + 1;
    }
}
