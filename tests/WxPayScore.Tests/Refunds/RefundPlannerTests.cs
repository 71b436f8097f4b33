using WxPayScore.Refunds;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>Splitting an order's refund across its collection details (refunds.md §2, §8, §9.2).</summary>
public sealed class RefundPlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_one_detail_order_is_refunded_from_its_transaction()
    {
        var order = RefundSamples.PaidOrder((300, "NEWTON", "20250101140105"));

        var plan = RefundPlanner.Plan(order, 300);

        var part = Assert.Single(plan.Parts);
        Assert.Equal((1, "4200002025010100000000000001", 300L, 300L, 300L), (part.Seq, part.TransactionId, part.Total, part.Refund, part.RefundableBefore));
        Assert.Equal(300, plan.Amount);
    }

    [Fact]
    public void A_refund_larger_than_the_first_detail_spills_into_the_next_oldest_first()
    {
        var order = RefundSamples.PaidOrder((200, "NEWTON", "20250101140105"), (150, "NEWTON", "20250101150105"));

        var plan = RefundPlanner.Plan(order, 250);

        Assert.Equal([(1, 200L, 200L), (2, 150L, 50L)], plan.Parts.Select(p => (p.Seq, p.Total, p.Refund)).ToArray());
    }

    [Fact]
    public void MCH_details_are_skipped()
    {
        var order = RefundSamples.PaidOrder((100, "MCH", "20250101140105"), (200, "NEWTON", "20250101150105"));

        var plan = RefundPlanner.Plan(order, 150);

        Assert.Equal(2, Assert.Single(plan.Parts).Seq);
        var ex = Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(order, 250));
        Assert.Equal(RefundPlanFailure.ExceedsRefundable, ex.Failure);
        Assert.Equal(200, ex.Refundable);
    }

    [Fact]
    public void An_order_paid_only_by_MCH_has_nothing_refundable()
    {
        var ex = Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(RefundSamples.PaidOrder((100, "MCH", "20250101140105")), 50));
        Assert.Equal(RefundPlanFailure.NothingRefundable, ex.Failure);
    }

    [Fact]
    public void Earlier_refunds_reduce_each_detail_s_balance_and_a_closed_one_frees_its_amount()
    {
        var order = RefundSamples.PaidOrder((200, "NEWTON", "20250101140105"), (150, "NEWTON", "20250101150105"));
        var first = order.Collection!.Details![0].TransactionId!;
        var second = order.Collection.Details[1].TransactionId!;
        ExistingRefund[] ledger =
        [
            new(first, 120, RefundStatus.Success),
            new(first, 50, RefundStatus.Processing),
            new(first, 30, RefundStatus.Closed),
            new(second, 100, RefundStatus.Abnormal),
        ];

        Assert.Equal(30 + 50, RefundPlanner.Refundable(order, ledger));
        var plan = RefundPlanner.Plan(order, 80, ledger);
        Assert.Equal([(1, 30L, 30L), (2, 50L, 50L)], plan.Parts.Select(p => (p.Seq, p.Refund, p.RefundableBefore)).ToArray());
        var ex = Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(order, 81, ledger));
        Assert.Equal(RefundPlanFailure.ExceedsRefundable, ex.Failure);
        Assert.Equal(80, ex.Refundable);
    }

    [Fact]
    public void A_detail_with_50_refunds_is_not_used_again()
    {
        var order = RefundSamples.PaidOrder((1000, "NEWTON", "20250101140105"), (100, "NEWTON", "20250101150105"));
        var first = order.Collection!.Details![0].TransactionId!;
        var fifty = Enumerable.Range(0, 50).Select(_ => new ExistingRefund(first, 1, RefundStatus.Success)).ToArray();

        var plan = RefundPlanner.Plan(order, 100, fifty);

        Assert.Equal(2, Assert.Single(plan.Parts).Seq);
        var ex = Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(order, 200, fifty));
        Assert.Equal(RefundPlanFailure.RefundLimitReached, ex.Failure);
        Assert.Equal(100, ex.Refundable);
        // 49 earlier refunds leave one more.
        Assert.Equal(1, RefundPlanner.Plan(order, 950, fifty.Skip(1)).Parts[0].Seq);
    }

    [Fact]
    public void A_detail_paid_more_than_365_days_ago_is_not_used()
    {
        var order = RefundSamples.PaidOrder((100, "NEWTON", "20240101140105"), (100, "NEWTON", "20241231140105"));

        var plan = RefundPlanner.Plan(order, 100, now: Now);

        Assert.Equal(2, Assert.Single(plan.Parts).Seq);
        Assert.Equal(200, RefundPlanner.Refundable(order));
        Assert.Equal(100, RefundPlanner.Refundable(order, now: Now));
        Assert.Equal(RefundPlanFailure.WindowPassed, Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(order, 150, now: Now)).Failure);
    }

    [Theory]
    [InlineData(ServiceOrderStatus.Doing, ServiceOrderStatus.MchComplete, ServiceOrderStatus.UserPaying)]
    [InlineData(ServiceOrderStatus.Revoked, null, null)]
    [InlineData(ServiceOrderStatus.Created, null, null)]
    public void An_order_not_DONE_and_paid_cannot_be_refunded(string state, string? description, string? collection)
    {
        var order = RefundSamples.PaidOrder((300, "NEWTON", "20250101140105")) with { State = state, StateDescription = description };
        order = order with { Collection = order.Collection! with { State = collection } };

        var ex = Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(order, 100));

        Assert.Equal(RefundPlanFailure.NotCollected, ex.Failure);
        Assert.Equal(0, RefundPlanner.Refundable(order));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Less_than_one_fen_is_refused(long amount) =>
        Assert.Equal(RefundPlanFailure.InvalidAmount,
            Assert.Throws<RefundPlanException>(() => RefundPlanner.Plan(RefundSamples.PaidOrder((300, "NEWTON", "20250101140105")), amount)).Failure);

    [Fact]
    public void The_plan_s_parts_become_valid_refund_requests()
    {
        var order = RefundSamples.PaidOrder((200, "NEWTON", "20250101140105"), (150, "NEWTON", "20250101150105"));

        var calls = RefundPlanner.Plan(order, 350).Parts.Select((p, i) => RefundService.PrepareCreate(new RefundCreateOptions
        {
            SubMchId = TestKeys.SubMchId,
            TransactionId = p.TransactionId,
            OutRefundNo = $"RF{Samples.OutOrderNo}-{i + 1}",
            Amount = new RefundAmountOptions { Refund = p.Refund, Total = p.Total },
        })).ToArray();

        Assert.Equal(2, calls.Length);
        Assert.All(calls, c => Assert.Equal(ServiceOrderOperation.RefundCreate, c.Operation));
    }
}
