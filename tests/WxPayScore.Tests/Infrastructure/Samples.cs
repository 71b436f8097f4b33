using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>Requests and answers shaped like the spec's examples (payscore-partner-api.md §2.3a, §7.3).</summary>
public static class Samples
{
    public const string OutOrderNo = "SP20250101A0001";

    /// <summary>The query options of a plain get by out_order_no.</summary>
    public static readonly ServiceOrderGetOptions Query = new() { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId };

    /// <summary>The create request of apiv3-security.md vector A.</summary>
    public static ServiceOrderCreateOptions VectorACreate() => new()
    {
        ServiceId = TestKeys.ServiceId,
        AppId = TestKeys.AppId,
        SubMchId = TestKeys.SubMchId,
        OutOrderNo = OutOrderNo,
        ServiceIntroduction = "XX充电宝",
        RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900 },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept },
        NotifyUrl = "https://sp.example.com/payscore/notify",
        NeedUserConfirm = true,
    };

    public static ServiceOrderCreateOptions Create(string outOrderNo = OutOrderNo) => new()
    {
        ServiceId = TestKeys.ServiceId,
        AppId = TestKeys.AppId,
        SubMchId = TestKeys.SubMchId,
        SubAppId = "wxd678efh567hg6999",
        OutOrderNo = outOrderNo,
        ServiceIntroduction = "XX充电宝",
        PostPayments = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }],
        RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900, Description = "充电宝押金" },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = "借出时间" },
        Location = new Location { StartLocation = "A座大堂" },
        Attach = "biz%3Drent",
        NotifyUrl = "https://sp.example.com/payscore/notify",
        NeedUserConfirm = true,
        Device = new Device { StartDeviceId = "HG123456" },
    };

    public const string CreateResponse =
        """{"out_order_no":"SP20250101A0001","service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","service_introduction":"XX充电宝","state":"CREATED","post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"充电宝押金"},"time_range":{"start_time":"OnAccept","start_time_remark":"借出时间"},"location":{"start_location":"A座大堂"},"attach":"biz%3Drent","notify_url":"https://sp.example.com/payscore/notify","order_id":"1000000000202501011200001234567","package":"AAQTnZoAAAABAAAAAAD8m2b8VRdZ2kVdKmHNZiAAAABc"}""";

    public const string ConfirmedOrder =
        """{"appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","out_order_no":"SP20250101A0001","service_id":"2002000000000558128851361561536","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","state":"DOING","state_description":"USER_CONFIRM","service_introduction":"XX充电宝","risk_fund":{"name":"DEPOSIT","amount":9900,"description":"充电宝押金"},"time_range":{"start_time":"20250101120005"},"attach":"biz%3Drent","notify_url":"https://sp.example.com/payscore/notify","order_id":"1000000000202501011200001234567"}""";

    public const string PaidOrder =
        """{"appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","out_order_no":"SP20250101A0001","service_id":"2002000000000558128851361561536","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","state":"DONE","service_introduction":"XX充电宝","total_amount":300,"post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"充电宝押金"},"time_range":{"start_time":"20250101120005","end_time":"20250101140000"},"attach":"biz%3Drent","order_id":"1000000000202501011200001234567","need_collection":true,"collection":{"state":"USER_PAID","total_amount":300,"paying_amount":0,"paid_amount":300,"details":[{"seq":1,"amount":300,"paid_type":"NEWTON","paid_time":"20250101140105","transaction_id":"4200002025010112345678901234"}]}}""";

    public static ServiceOrder Order(string state, string? description = null, string? collection = null, long? total = null) => new()
    {
        OutOrderNo = OutOrderNo,
        State = state,
        StateDescription = description,
        Collection = collection is null ? null : new CollectionInfo { State = collection, TotalAmount = total },
        TotalAmount = total,
        RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900 },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept },
    };
}
