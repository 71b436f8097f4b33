using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The literal SQL of the hot transactions (<see cref="OrderSql"/>) against the EF Core model, the schema's one
/// definition: each statement names its table's columns exactly as the model maps them — an insert every column but a
/// generated key, the order update every column but the key and the lease, the order select every column.
/// </summary>
public sealed partial class OrderSqlTests
{
    private static readonly IModel Model = new SqlitePayScoreDbContext(
        new DbContextOptionsBuilder<SqlitePayScoreDbContext>().UseSqlite("Data Source=:memory:").Options).Model;

    [Theory]
    [InlineData(nameof(OrderSql.InsertOrder), "orders")]
    [InlineData(nameof(OrderSql.InsertEvent), "order_events")]
    [InlineData(nameof(OrderSql.InsertCall), "wechat_calls")]
    [InlineData(nameof(OrderSql.InsertNotification), "notifications")]
    [InlineData(nameof(OrderSql.InsertProcessed), "processed_notifications")]
    public void Each_insert_writes_every_mapped_column_but_a_generated_key(string statement, string table)
    {
        var sql = Statement(statement);
        var match = InsertPattern().Match(sql);
        Assert.True(match.Success, sql);
        Assert.Equal(table, match.Groups["table"].Value);
        var columns = Columns(match.Groups["columns"].Value);
        var values = Columns(match.Groups["values"].Value);
        Assert.Equal(Expected(table, includeGeneratedKey: false), columns.Order(StringComparer.Ordinal));
        Assert.Equal(columns.Count, values.Count);
        Assert.Equal(values.Select(v => v.TrimStart('@')), columns.Select(c => PropertyOf(table, c)));
    }

    [Fact]
    public void The_order_select_reads_every_column_and_the_update_writes_all_but_the_key_and_the_lease()
    {
        var select = SelectPattern().Match(OrderSql.SelectOrder);
        Assert.True(select.Success);
        Assert.Equal(Expected("orders", includeGeneratedKey: true), Columns(select.Groups["columns"].Value).Order(StringComparer.Ordinal));

        var update = UpdatePattern().Match(OrderSql.UpdateOrder);
        Assert.True(update.Success);
        var assignments = update.Groups["set"].Value.Split(',').Select(a => a.Split('=')).ToList();
        Assert.All(assignments, a => Assert.Equal(PropertyOf("orders", a[0].Trim()), a[1].Trim().TrimStart('@')));
        var expected = Expected("orders", includeGeneratedKey: false).Where(c => c is not ("lease_owner" or "lease_until"));
        Assert.Equal(expected, assignments.Select(a => a[0].Trim()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_outcome_update_names_mapped_columns_of_the_journal()
    {
        var update = UpdatePattern().Match(OrderSql.UpdateCallOutcome);
        Assert.True(update.Success);
        foreach (var assignment in update.Groups["set"].Value.Split(','))
        {
            var parts = assignment.Split('=');
            Assert.Equal(PropertyOf("wechat_calls", parts[0].Trim()), parts[1].Trim().TrimStart('@'));
        }
    }

    [Fact]
    public void Every_parameter_of_every_statement_has_a_value_and_none_is_left_over()
    {
        foreach (var (statement, values) in OrderSql.ParametersOf)
        {
            var names = OrderSql.ParameterNames(Statement(statement));
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Contains(name, values));
        }

        // Each value table feeds its inserts completely (the update and the outcome update use subsets of the same tables).
        Assert.Equal(OrderSql.ParametersOf[nameof(OrderSql.InsertOrder)].Except(["Id", "ExpectedVersion"]).Order(StringComparer.Ordinal),
            OrderSql.ParameterNames(OrderSql.InsertOrder).Order(StringComparer.Ordinal));
        Assert.Equal(OrderSql.ParametersOf[nameof(OrderSql.InsertCall)].Except(["Id"]).Order(StringComparer.Ordinal),
            OrderSql.ParameterNames(OrderSql.InsertCall).Order(StringComparer.Ordinal));
        foreach (var insert in new[] { nameof(OrderSql.InsertEvent), nameof(OrderSql.InsertNotification), nameof(OrderSql.InsertProcessed) })
        {
            Assert.Equal(OrderSql.ParametersOf[insert].Order(StringComparer.Ordinal), OrderSql.ParameterNames(Statement(insert)).Order(StringComparer.Ordinal));
        }
    }

    private static string Statement(string name) =>
        (string)typeof(OrderSql).GetField(name)!.GetValue(null)!;

    private static List<string> Columns(string list) =>
        list.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();

    private static IEntityType Entity(string table) =>
        Model.GetEntityTypes().Single(e => e.GetTableName() == table);

    private static List<string> Expected(string table, bool includeGeneratedKey)
    {
        var entity = Entity(table);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        return entity.GetProperties()
            .Where(p => includeGeneratedKey || p != key || key.ValueGenerated == ValueGenerated.Never)
            .Select(p => p.GetColumnName())
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string PropertyOf(string table, string column) =>
        Entity(table).GetProperties().Single(p => p.GetColumnName() == column).Name;

    [GeneratedRegex(@"^\s*INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\)\s*VALUES \((?<values>[^)]*)\)", RegexOptions.Singleline)]
    private static partial Regex InsertPattern();

    [GeneratedRegex(@"^\s*SELECT (?<columns>.*?)\s+FROM orders ", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"^\s*UPDATE \w+ SET (?<set>.*?)\s+WHERE ", RegexOptions.Singleline)]
    private static partial Regex UpdatePattern();
}
