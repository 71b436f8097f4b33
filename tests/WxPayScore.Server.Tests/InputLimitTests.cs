using System.Net;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>Amounts, counts and times are range-checked before any arithmetic or any call: 400 naming the field, never 500 or 502.</summary>
public sealed class InputLimitTests : IClassFixture<AdminFixture>
{
    private readonly AdminFixture fixture;

    public InputLimitTests(AdminFixture fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost Server => fixture.Server;

    private async Task<string> ConfirmedOrderAsync(string user)
    {
        var client = await TestClient.LoginAsync(Server, fixture.Sandbox.Host, user);
        var order = await client.CreateOrderAsync();
        fixture.Sandbox.Host.Control.Confirm(order.Package, user);
        await Eventually.WaitAsync(() => Server.FindOrderAsync(order.OutOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "confirmation");
        return order.OutOrderNo;
    }

    public static TheoryData<string, string> BadCompletions => new()
    {
        { "{\"fees\":[{\"name\":\"a\",\"amount\":9223372036854775807},{\"name\":\"b\",\"amount\":9223372036854775807}],\"totalAmount\":-2}", "fees[0].amount" },
        { "{\"fees\":[{\"name\":\"a\",\"amount\":100}],\"discounts\":[{\"name\":\"d\",\"description\":\"d\",\"amount\":9223372036854775807}],\"totalAmount\":100}", "discounts[0].amount" },
        { "{\"fees\":[{\"name\":\"a\",\"amount\":100}],\"totalAmount\":9223372036854775807}", "totalAmount" },
        { "{\"fees\":[{\"name\":\"a\",\"amount\":100,\"count\":100000}],\"totalAmount\":100}", "fees[0].count" },
        { "{\"fees\":[{\"name\":\"a\",\"amount\":100}],\"totalAmount\":100,\"endTime\":\"2999-01-01T00:00:00+08:00\"}", "endTime" },
        { "{\"fees\":[{\"name\":\"a\",\"amount\":100}],\"totalAmount\":100,\"endTime\":\"2001-01-01T00:00:00+08:00\"}", "endTime" },
    };

    [Theory]
    [MemberData(nameof(BadCompletions))]
    public async Task A_completion_out_of_range_is_a_400_naming_the_field(string body, string field)
    {
        var order = await ConfirmedOrderAsync("limits-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, problem) = await new AdminClient(Server).SendAsync(HttpMethod.Post, $"orders/{order}/complete", rawBody: body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {problem}");
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(OrderPhase.UserConfirmed, (await Server.FindOrderAsync(order))!.Phase);
    }

    [Fact]
    public async Task A_modification_with_overflowing_amounts_is_a_400()
    {
        var order = await ConfirmedOrderAsync("limits-mod");
        var admin = new AdminClient(Server);
        var (completed, _) = await admin.CompleteAsync(order, 500);
        Assert.Equal(HttpStatusCode.OK, completed);
        var (status, problem) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/modify", rawBody:
            "{\"fees\":[{\"name\":\"a\",\"amount\":9223372036854775807}],\"discounts\":[{\"name\":\"d\",\"description\":\"d\",\"amount\":9223372036854775807}],\"totalAmount\":0,\"reason\":\"x\"}");
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {problem}");
        Assert.Equal("fees[0].amount", problem.GetProperty("field").GetString());
        Assert.Equal(500, (await Server.FindOrderAsync(order))!.TotalAmount);
    }
}
