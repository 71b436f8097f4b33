using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.Sandbox.Refunds.Wire;
using WxPayScore.Sandbox.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Refunds;

/// <summary>
/// The refund engine (refunds.md §10): refunds of the collected transactions of the sandbox's Pay Score orders, looked
/// up by <c>transaction_id</c> (or the detail's generated <c>out_trade_no</c>), idempotent by (sub_mchid, out_refund_no),
/// PROCESSING → SUCCESS after a business-clock delay, ABNORMAL when injected, CLOSED after 7 days without funds, with
/// REFUND.* notifications. One lock serialises every refund change (balances span refunds). Orders are only read.
/// </summary>
internal sealed class RefundBook
{
    private readonly object gate = new();
    private readonly Dictionary<RefundKey, RefundRecord> refunds = [];
    private readonly Dictionary<string, RefundKey> byRefundId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubMerchantFunds> funds = new(StringComparer.Ordinal);
    private readonly HashSet<string> abnormalTransactions = new(StringComparer.Ordinal);
    private readonly OrderBook orders;
    private readonly SandboxClock clock;
    private readonly SandboxKeys keys;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;
    private readonly NotificationDispatcher notifications;
    private readonly SandboxOptions options;
    private readonly ILogger<RefundBook> logger;

    public RefundBook(OrderBook orders, SandboxClock clock, SandboxKeys keys, MerchantRegistry registry, ISandboxStore store,
        NotificationDispatcher notifications, IOptions<SandboxOptions> options, ILogger<RefundBook> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.orders = orders;
        this.clock = clock;
        this.keys = keys;
        this.registry = registry;
        this.store = store;
        this.notifications = notifications;
        this.options = options.Value;
        this.logger = logger;
    }

    private TimeSpan Delay => TimeSpan.FromSeconds(Math.Max(0, options.RefundSuccessDelaySeconds));

    public void Restore(IEnumerable<RefundRecord>? saved, IEnumerable<SubMerchantFunds>? savedFunds)
    {
        lock (gate)
        {
            foreach (var record in saved ?? [])
            {
                refunds[record.Key] = record;
                byRefundId[record.RefundId] = record.Key;
            }

            foreach (var f in savedFunds ?? [])
            {
                funds[f.SubMchId] = f;
            }
        }
    }

    // ---------------------------------------------------------------- WeChat API

    public byte[] Create(RegisteredMerchant merchant, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        var request = RefundDecoder.Create(body);
        Authorise(merchant, request.SubMchId!);
        var (order, detail) = TransactionLookup.Find(orders, merchant.MchId, request.SubMchId!, request.TransactionId, request.OutTradeNo);
        var amount = request.Amount!;
        lock (gate)
        {
            var now = clock.UtcNow;
            var key = new RefundKey(request.SubMchId!, request.OutRefundNo!);
            if (refunds.TryGetValue(key, out var existing))
            {
                // §10.4: the same request again answers the refund as it is now; reason and notify_url are not compared.
                if (existing.MchId != merchant.MchId || existing.TransactionId != detail.TransactionId || existing.Refund != amount.Refund || existing.Total != amount.Total)
                {
                    throw RefundRules.ChangedReplay();
                }

                Settle(existing, now);
                return RefundWriter.Answer(existing);
            }

            var earlier = refunds.Values.Where(r => r.TransactionId == detail.TransactionId).ToList();
            RefundRules.Check(detail, amount.Refund!.Value, amount.Total!.Value, earlier, TimeSpan.FromSeconds(Math.Max(0, options.RefundIntervalSeconds)), now);
            var account = Funds(request.SubMchId!);
            var funded = account.Covers(amount.Refund.Value);
            if (!funded && account.Mode == SubMerchantFunds.Reject)
            {
                throw RefundRules.NotEnough();
            }

            var record = new RefundRecord
            {
                MchId = merchant.MchId,
                SubMchId = request.SubMchId!,
                OutRefundNo = request.OutRefundNo!,
                RefundId = "503" + Identifiers.Digits(4) + clock.BeijingNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Identifiers.Digits(14),
                TransactionId = detail.TransactionId!,
                OutTradeNo = RefundRules.OutTradeNo(detail),
                OutOrderNo = order.OutOrderNo!,
                Refund = amount.Refund.Value,
                Total = amount.Total.Value,
                Reason = request.Reason,
                NotifyUrl = request.NotifyUrl,
                Status = RefundStatuses.Processing,
                Channel = "ORIGINAL",
                UserReceivedAccount = "支付用户零钱",
                FundsAccount = request.FundsAccount ?? options.RefundFundsAccount,
                From = amount.From?.OfType<RefundFromRequest>().ToList(),
                CreatedAt = now,
            };
            if (funded)
            {
                Fund(record, account, now);
            }
            else
            {
                record.CloseAt = now + RefundRules.QueueLimit;
            }

            refunds[key] = record;
            byRefundId[record.RefundId] = key;
            Save(record);
            logger.LogInformation("Refund {Refund} of {Transaction} ({Order}) for {Amount} fen accepted: {Status}", key, record.TransactionId, record.OutOrderNo,
                record.Refund, funded ? record.Status : "waiting for funds");
            return RefundWriter.Answer(record);
        }
    }

    public byte[] Query(RegisteredMerchant merchant, string outRefundNo, string? subMchId)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        RefundDecoder.Query(outRefundNo, subMchId);
        Authorise(merchant, subMchId!);
        lock (gate)
        {
            if (!refunds.TryGetValue(new RefundKey(subMchId!, outRefundNo), out var record) || record.MchId != merchant.MchId)
            {
                throw RefundRules.RefundNotFound();
            }

            Settle(record, clock.UtcNow);
            return RefundWriter.Answer(record);
        }
    }

    public byte[] ApplyAbnormal(RegisteredMerchant merchant, string refundId, ReadOnlyMemory<byte> body, string? wechatpaySerial)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        Orders.Wire.FieldRules.Required(refundId, "refund_id", 32, "path");
        var request = RefundDecoder.Abnormal(body, wechatpaySerial);
        Authorise(merchant, request.SubMchId!);
        lock (gate)
        {
            if (!byRefundId.TryGetValue(refundId, out var key) || !refunds.TryGetValue(key, out var record) ||
                record.MchId != merchant.MchId || record.SubMchId != request.SubMchId)
            {
                throw RefundRules.RefundNotFound();
            }

            if (record.OutRefundNo != request.OutRefundNo)
            {
                throw Orders.Wire.FieldRules.Invalid("/out_refund_no", "与退款单不匹配", request.OutRefundNo);
            }

            var now = clock.UtcNow;
            Settle(record, now);
            if (record.Status != RefundStatuses.Abnormal)
            {
                throw WeChatErrors.InvalidRequest($"退款单状态为{record.Status}，只有ABNORMAL的退款单可以发起异常退款");
            }

            if (request.Type == "USER_BANK_CARD")
            {
                var account = SensitiveFields.Decrypt(keys, wechatpaySerial!, request.BankAccount!, "/bank_account");
                SensitiveFields.Decrypt(keys, wechatpaySerial!, request.RealName!, "/real_name");
                record.Channel = "OTHER_BANKCARD";
                record.UserReceivedAccount = RefundRules.BankName(request.BankType!) + "借记卡" + account[Math.Max(0, account.Length - 4)..];
            }
            else
            {
                record.UserReceivedAccount = "商户结算银行账户";
            }

            record.Status = RefundStatuses.Processing;
            record.Rerouted = true;
            record.DueAt = now + Delay;
            Save(record);
            logger.LogInformation("Refund {Refund} rerouted ({Type}) to {Account}", key, request.Type, record.UserReceivedAccount);
            return RefundWriter.Answer(record);
        }
    }

    // ---------------------------------------------------------------- business clock and control

    /// <summary>Settles every refund that became due (SUCCESS or injected ABNORMAL; CLOSED after the queue limit).</summary>
    public void RunDue(DateTimeOffset now)
    {
        lock (gate)
        {
            foreach (var record in refunds.Values.OrderBy(r => r.CreatedAt))
            {
                Settle(record, now);
            }
        }
    }

    public DateTimeOffset? NextDue()
    {
        lock (gate)
        {
            return refunds.Values.Where(r => r.Status == RefundStatuses.Processing)
                .SelectMany(r => new[] { r.DueAt, r.CloseAt }).Where(t => t is not null).Min();
        }
    }

    public IReadOnlyList<RefundRecord> List()
    {
        lock (gate)
        {
            return refunds.Values.OrderBy(r => r.CreatedAt).ToList();
        }
    }

    public RefundRecord Get(string subMchId, string outRefundNo)
    {
        lock (gate)
        {
            return refunds.TryGetValue(new RefundKey(subMchId, outRefundNo), out var record)
                ? record
                : throw new SandboxControlException(404, "RESOURCE_NOT_EXISTS", $"No refund {subMchId}/{outRefundNo}.");
        }
    }

    /// <summary>Refunds of this transaction go ABNORMAL when they settle, until rerouted by an abnormal refund (§10.7).</summary>
    public void InjectAbnormal(string transactionId)
    {
        lock (gate)
        {
            abnormalTransactions.Add(transactionId);
        }
    }

    /// <summary>Sets a sub-merchant's balance mode and balance; refunds waiting for funds are funded in order if they now fit.</summary>
    public SubMerchantFunds SetFunds(string subMchId, string mode, long balance)
    {
        lock (gate)
        {
            var account = Funds(subMchId);
            account.Mode = mode;
            account.Balance = balance;
            var now = clock.UtcNow;
            foreach (var waiting in refunds.Values.Where(r => r.SubMchId == subMchId && r is { Status: RefundStatuses.Processing, CloseAt: not null })
                         .OrderBy(r => r.CreatedAt).ToList())
            {
                if (account.Covers(waiting.Refund))
                {
                    waiting.CloseAt = null;
                    Fund(waiting, account, now);
                    Save(waiting);
                }
            }

            store.SaveRefundFunds(account);
            return account with { };
        }
    }

    // ---------------------------------------------------------------- internals

    private static void Authorise(RegisteredMerchant merchant, string subMchId)
    {
        if (!merchant.SubMchIds.Contains(subMchId))
        {
            throw WeChatErrors.NoAuth("请检查sub_mchid是否授权mchid的退款权限");
        }
    }

    private SubMerchantFunds Funds(string subMchId)
    {
        if (!funds.TryGetValue(subMchId, out var account))
        {
            account = new SubMerchantFunds { SubMchId = subMchId };
            funds[subMchId] = account;
        }

        return account;
    }

    /// <summary>The money leaves the sub-merchant's balance; the refund settles after the delay (at once with delay 0).</summary>
    private void Fund(RefundRecord record, SubMerchantFunds account, DateTimeOffset now)
    {
        if (account.Mode != SubMerchantFunds.Unlimited)
        {
            account.Balance -= record.Refund;
            store.SaveRefundFunds(account);
        }

        record.DueAt = now + Delay;
        Settle(record, now);
    }

    /// <summary>Applies what is due for one PROCESSING refund. Call under the gate.</summary>
    private void Settle(RefundRecord record, DateTimeOffset now)
    {
        if (record.Status != RefundStatuses.Processing)
        {
            return;
        }

        if (record.DueAt is { } due && due <= now)
        {
            record.DueAt = null;
            if (!record.Rerouted && abnormalTransactions.Contains(record.TransactionId))
            {
                record.Status = RefundStatuses.Abnormal;
            }
            else
            {
                record.Status = RefundStatuses.Success;
                record.SuccessAt = due;
            }
        }
        else if (record.CloseAt is { } close && close <= now)
        {
            record.CloseAt = null;
            record.Status = RefundStatuses.Closed;
        }
        else
        {
            return;
        }

        Save(record);
        Notify(record);
    }

    private void Notify(RefundRecord record)
    {
        var merchant = registry.FindMerchant(record.MchId);
        var url = record.NotifyUrl ?? merchant?.RefundNotifyUrl;
        if (merchant is null || url is null)
        {
            logger.LogInformation("Refund {Refund} is {Status}; no notify_url, so no notification (§10.8)", record.Key, record.Status);
            return;
        }

        notifications.PublishRefund(merchant, record.SubMchId, record.OutOrderNo, record.OutRefundNo, url, RefundStatuses.EventOf(record.Status),
            RefundStatuses.SummaryOf(record.Status), RefundWriter.Notification(record), options.RefundAssociatedData ?? "refund");
    }

    private void Save(RefundRecord record) => store.SaveRefund(record);
}
