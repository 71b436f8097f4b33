using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WxPayScore.Server.Persistence;

/// <summary>A mapped column: its property, quoted name, getter and setter (the setter converts what the provider reads).</summary>
internal sealed record TableColumn(IProperty Property, string Name, Func<object, object?> Get, Action<object, object?> Set);

/// <summary>
/// One entity's table for hand-written statements, generated from the EF Core model: name, key column and the other
/// columns with their getters and setters, so that the statements write (and read) every mapped column.
/// </summary>
internal sealed class TableMap
{
    public TableMap(IEntityType entity)
    {
        var mapping = entity.GetTableMappings().SingleOrDefault()
            ?? throw new InvalidOperationException($"{entity.DisplayName()} is not mapped to one table.");
        Table = Quote(mapping.Table.Name);
        var key = entity.FindPrimaryKey()?.Properties is [var keyProperty] ? keyProperty : throw new InvalidOperationException($"{Table} needs a single-column key.");
        var columns = mapping.ColumnMappings.Select(m =>
        {
            if (m.Property.GetTypeMapping().Converter is not null)
            {
                throw new InvalidOperationException($"{Table}.{m.Property.Name} has a value converter; hand-written statements use CLR values as they are.");
            }

            return new TableColumn(m.Property, Quote(m.Column.Name), m.Property.GetGetter().GetClrValueUsingContainingEntity, Setter(m.Property));
        }).ToArray();
        KeyColumn = columns.Single(c => c.Property == key);
        Key = KeyColumn.Name;
        KeyGenerated = key.ValueGenerated != ValueGenerated.Never;
        All = [KeyColumn, .. columns.Where(c => c != KeyColumn)];
        Insert = KeyGenerated ? All[1..] : All;
    }

    public string Table { get; }

    public string Key { get; }

    public TableColumn KeyColumn { get; }

    /// <summary>Whether the database generates the key (then it is not inserted but returned).</summary>
    public bool KeyGenerated { get; }

    /// <summary>Every column, the key first.</summary>
    public TableColumn[] All { get; }

    /// <summary>The columns an insert writes: every column but a generated key.</summary>
    public TableColumn[] Insert { get; }

    /// <summary><c>INSERT</c> of the <see cref="Insert"/> columns (<c>@p0…</c>); <c>RETURNING</c> the key when the database generates it.</summary>
    public string InsertSql() =>
        $"INSERT INTO {Table} ({string.Join(", ", Insert.Select(c => c.Name))}) VALUES ({string.Join(", ", Insert.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})" +
        (KeyGenerated ? $" RETURNING {Key}" : string.Empty);

    /// <summary><c>UPDATE … SET</c> the columns (<c>@p0…</c>) <c>WHERE</c> key = the last parameter.</summary>
    public string UpdateSql(TableColumn[] columns) =>
        $"UPDATE {Table} SET {string.Join(", ", columns.Select((c, i) => $"{c.Name} = @p{i.ToString(CultureInfo.InvariantCulture)}"))} WHERE {Key} = @p{columns.Length.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>SELECT</c> of <see cref="All"/> columns <c>WHERE</c> each of the named properties' columns = <c>@p0…</c>.</summary>
    public string SelectSql(params string[] properties) =>
        $"SELECT {string.Join(", ", All.Select(c => c.Name))} FROM {Table} WHERE " +
        string.Join(" AND ", properties.Select((p, i) => $"{All.Single(c => c.Property.Name == p).Name} = @p{i.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>An entity from a row read with <see cref="SelectSql"/> (the columns in <see cref="All"/> order).</summary>
    public T Materialize<T>(object?[] row)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new T();
        for (var i = 0; i < All.Length; i++)
        {
            All[i].Set(entity!, row[i]);
        }

        return entity;
    }

    public static object?[] Values(object entity, TableColumn[] columns, long? extra = null)
    {
        var values = new object?[columns.Length + (extra is null ? 0 : 1)];
        for (var i = 0; i < columns.Length; i++)
        {
            values[i] = columns[i].Get(entity);
        }

        if (extra is { } last)
        {
            values[^1] = last;
        }

        return values;
    }

    /// <summary>Quoted as both SQLite and PostgreSQL read it (the model's names are lower-case snake_case).</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A compiled setter that converts the provider's value (SQLite reads every integer as long) to the property's type.</summary>
    private static Action<object, object?> Setter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Parameter(typeof(object), "value");
        var convert = typeof(TableMap).GetMethod(nameof(ConvertValue), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(info.PropertyType);
        var body = Expression.Assign(Expression.Property(Expression.Convert(entity, info.DeclaringType!), info), Expression.Call(convert, value));
        return Expression.Lambda<Action<object, object?>>(body, entity, value).Compile();
    }

    private static T ConvertValue<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default!;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
