using System.Globalization;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Orders;

/// <summary><c>--fee "租借费用:300:3元/小时"</c>: name, amount in fen (integer), optional description (may contain ':').</summary>
internal static class FeeLine
{
    public static PostPayment ParsePayment(string text)
    {
        var (name, amount, description) = Split(text, "--fee");
        return new PostPayment { Name = name, Amount = amount, Description = description };
    }

    public static PostDiscount ParseDiscount(string text)
    {
        var (name, amount, description) = Split(text, "--discount");
        return new PostDiscount { Name = name, Amount = amount, Description = description };
    }

    private static (string Name, long Amount, string? Description) Split(string text, string option)
    {
        var parts = text.Split(':', 3);
        if (parts.Length < 2 || parts[0].Length == 0)
        {
            throw new UsageException($"{option} expects NAME:AMOUNT_IN_FEN[:DESCRIPTION], e.g. \"租借费用:300:3元/小时\"; got '{text}'.");
        }

        if (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            throw new UsageException($"{option} '{text}': the amount '{parts[1]}' must be an integer number of fen (300 = ¥3.00).");
        }

        return (parts[0], amount, parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null);
    }
}
