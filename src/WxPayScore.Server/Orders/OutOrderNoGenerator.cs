using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>
/// Generates <c>out_order_no</c>: prefix + Beijing time (yyMMddHHmmss) + 12 random characters of [0-9A-Z] — unique
/// across the whole service provider, within WeChat's 32 characters and without the disputed <c>*</c>.
/// </summary>
public sealed class OutOrderNoGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly TimeProvider time;
    private readonly string prefix;

    public OutOrderNoGenerator(TimeProvider time, IOptions<PayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        prefix = options.Value.OrderNoPrefix ?? string.Empty;
    }

    public string Next()
    {
        var stamp = time.GetUtcNow().ToOffset(ServiceTime.BeijingOffset).ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
        Span<char> random = stackalloc char[12];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Concat(prefix, stamp, random);
    }
}
