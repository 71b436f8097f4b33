using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>Small HTML helpers shared by the confirm page and the dashboard (no external assets).</summary>
internal static class Html
{
    public const string Style = """
        body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f2f2;color:#111}
        header{display:flex;align-items:center;background:#fff;padding:8px 12px;border-bottom:1px solid #ddd}
        header h1{font-size:17px;margin:0 auto;font-weight:600}
        header form{margin:0}
        #back{font-size:26px;line-height:1;border:0;background:none;cursor:pointer;padding:0 8px}
        main{max-width:640px;margin:0 auto;padding:12px}
        section{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0}
        .sandbox{font-size:12px;color:#888}
        .amount{font-size:22px;font-weight:600}
        table{border-collapse:collapse;width:100%}
        td,th{padding:4px 6px;border-bottom:1px solid #eee;text-align:left;font-size:14px;vertical-align:top}
        button.primary{width:100%;padding:12px;font-size:17px;background:#07c160;color:#fff;border:0;border-radius:6px;cursor:pointer}
        button.primary:disabled{background:#9ed9b5;cursor:default}
        button.secondary{width:100%;padding:12px;font-size:16px;background:#fff;color:#07c160;border:1px solid #07c160;border-radius:6px;margin-top:10px;cursor:pointer}
        #error{color:#c00;font-size:17px;text-align:center;padding:32px 0}
        #message{color:#c60}
        #outcome{font-size:17px;text-align:center;padding:12px 0;margin:0}
        #outcome[data-outcome=refused]{color:#c00}
        code{font-size:12px;word-break:break-all}
        """;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? string.Empty);

    public static string Yuan(long? fen) =>
        fen is { } f ? "¥" + (f / 100m).ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Time(ServiceTime? time) => time switch
    {
        null => "—",
        { IsOnAccept: true } => "确认订单后开始",
        { IsDayPrecision: true } t => t.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { } t => t.Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +08:00",
    };

    public static string At(DateTimeOffset? time) =>
        time is { } t ? t.ToOffset(ServiceTime.BeijingOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +08:00" : "—";

    public static string RiskFundName(string? name) => name switch
    {
        RiskFundNames.Deposit => "押金",
        RiskFundNames.Advance => "预付款",
        RiskFundNames.CashDeposit => "保证金",
        RiskFundNames.EstimateOrderCost => "预估订单费用",
        _ => name ?? "风险金",
    };

    public static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{E(title)}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>{Style}</style></head>
        <body>{body}</body></html>
        """;
}
