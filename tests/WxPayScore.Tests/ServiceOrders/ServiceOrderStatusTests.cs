using WxPayScore.ServiceOrders;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>Every row of payscore-partner-api.md §9.1, read with all three fields together, and the helpers built on it.</summary>
public sealed class ServiceOrderStatusTests
{
    public sealed record Row(
        string? State, string? Description, string? Collection, ServiceOrderPhase Phase,
        bool Confirmed, bool AwaitingPayment, bool Paid, bool Terminal,
        bool CanCancel, bool CanComplete, bool CanModify, bool CanPay, bool CanSync);

    public static TheoryData<string, Row> Table() => new()
    {
        // state, state_description, collection.state → phase; confirmed, awaiting, paid, terminal; cancel, complete, modify, pay, sync
        { "CREATED", new Row("CREATED", null, null, ServiceOrderPhase.Created, false, false, false, false, true, false, false, false, false) },
        { "DOING/USER_CONFIRM", new Row("DOING", "USER_CONFIRM", null, ServiceOrderPhase.UserConfirmed, true, false, false, false, true, true, false, false, false) },
        { "DOING/MCH_COMPLETE/USER_PAYING", new Row("DOING", "MCH_COMPLETE", "USER_PAYING", ServiceOrderPhase.AwaitingPayment, true, true, false, false, true, false, true, true, true) },
        { "DONE/USER_PAID", new Row("DONE", null, "USER_PAID", ServiceOrderPhase.Done, true, false, true, true, false, false, false, false, false) },
        { "DONE (zero amount, no collection)", new Row("DONE", null, null, ServiceOrderPhase.Done, true, false, true, true, false, false, false, false, false) },
        { "REVOKED", new Row("REVOKED", null, null, ServiceOrderPhase.Revoked, false, false, false, true, false, false, false, false, false) },
        { "EXPIRED", new Row("EXPIRED", null, null, ServiceOrderPhase.Expired, false, false, false, true, false, false, false, false, false) },
        { "unknown state", new Row("PAUSED", null, null, ServiceOrderPhase.Unknown, false, false, false, false, false, false, false, false, false) },
        { "missing state", new Row(null, null, null, ServiceOrderPhase.Unknown, false, false, false, false, false, false, false, false, false) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_row_maps_to_its_phase_and_helpers(string name, Row row)
    {
        var status = ServiceOrderStatus.From(row.State, row.Description, row.Collection);

        Assert.True(row.Phase == status.Phase, $"{name}: phase {status.Phase}");
        Assert.True(row.Confirmed == status.IsConfirmedByUser, $"{name}: IsConfirmedByUser");
        Assert.True(row.AwaitingPayment == status.IsAwaitingPayment, $"{name}: IsAwaitingPayment");
        Assert.True(row.Paid == status.IsPaid, $"{name}: IsPaid");
        Assert.True(row.Terminal == status.IsTerminal, $"{name}: IsTerminal");
        Assert.True(row.CanCancel == status.CanCancel, $"{name}: CanCancel");
        Assert.True(row.CanComplete == status.CanComplete, $"{name}: CanComplete");
        Assert.True(row.CanModify == status.CanModify, $"{name}: CanModify");
        Assert.True(row.CanPay == status.CanPay, $"{name}: CanPay");
        Assert.True(row.CanSync == status.CanSync, $"{name}: CanSync");
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Ensure_methods_agree_with_the_Can_properties(string name, Row row)
    {
        var status = ServiceOrderStatus.From(row.State, row.Description, row.Collection);

        Check(status.CanCancel, status.EnsureCanCancel, name);
        Check(status.CanComplete, status.EnsureCanComplete, name);
        Check(status.CanModify, status.EnsureCanModify, name);
        Check(status.CanPay, status.EnsureCanPay, name);
        Check(status.CanSync, status.EnsureCanSync, name);

        static void Check(bool allowed, Action ensure, string name)
        {
            var thrown = Record.Exception(ensure);
            Assert.True(allowed ? thrown is null : thrown is InvalidServiceOrderStateException, name);
        }
    }

    [Fact]
    public void The_order_reads_its_three_state_fields_together()
    {
        var order = new ServiceOrder { State = "DOING", StateDescription = "MCH_COMPLETE", Collection = new CollectionInfo { State = "USER_PAYING" } };

        Assert.Equal(ServiceOrderPhase.AwaitingPayment, order.Status.Phase);
        Assert.Equal("DOING/MCH_COMPLETE/USER_PAYING", order.Status.ToString());
    }

    [Fact]
    public void Rank_only_grows_along_legal_transitions()
    {
        var created = ServiceOrderStatus.From("CREATED", null, null).Rank;
        var confirmed = ServiceOrderStatus.From("DOING", "USER_CONFIRM", null).Rank;
        var paying = ServiceOrderStatus.From("DOING", "MCH_COMPLETE", "USER_PAYING").Rank;
        var done = ServiceOrderStatus.From("DONE", null, "USER_PAID").Rank;

        Assert.True(created < confirmed && confirmed < paying && paying < done);
        Assert.Equal(done, ServiceOrderStatus.From("REVOKED", null, null).Rank);
        Assert.Equal(0, ServiceOrderStatus.From("???", null, null).Rank);
    }
}
