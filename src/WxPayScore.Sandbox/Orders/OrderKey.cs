namespace WxPayScore.Sandbox.Orders;

/// <summary>Orders are routed by (sub_mchid, out_order_no), as WeChat's partner APIs address them.</summary>
internal readonly record struct OrderKey(string SubMchId, string OutOrderNo)
{
    public override string ToString() => SubMchId + "/" + OutOrderNo;
}
