namespace WxPayScore.Sandbox.Orders;

/// <summary>What happened when a confirm page was opened with a package.</summary>
internal enum PackageOpening
{
    Opened,
    Unknown,
    Expired,
    Spent,
    NotConfirmable,
}
