using System.Data.Common;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Hand-written statements inside one transaction of <see cref="OrderStore.WriteRawAsync{T}"/>. Parameters are
/// positional: <c>@p0</c>, <c>@p1</c>, … take the values in order (null is SQL NULL). On SQLite the commands are kept
/// on the store's writer connection and reused (prepared once); on PostgreSQL they are disposed with the transaction.
/// </summary>
public sealed class RawTransaction : IAsyncDisposable
{
    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly Dictionary<string, DbCommand>? prepared;
    private List<DbCommand>? owned;

    internal RawTransaction(DbConnection connection, DbTransaction transaction, Dictionary<string, DbCommand>? prepared)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.prepared = prepared;
    }

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        Command(sql, values).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Runs an <c>INSERT … RETURNING id</c>; the new row's id.</summary>
    public async Task<long> InsertAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        var id = await Command(sql, values).ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(id ?? throw new InvalidOperationException("The INSERT returned no id."), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first row of a query, its columns as the provider returns them (<see cref="DBNull"/> read as null); null when there is none.</summary>
    public async Task<object?[]?> ReadRowAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        await using var reader = await Command(sql, values).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    public async ValueTask DisposeAsync()
    {
        if (owned is null)
        {
            return;
        }

        foreach (var command in owned)
        {
            await command.DisposeAsync();
        }

        owned = null;
    }

    private DbCommand Command(string sql, IReadOnlyList<object?> values)
    {
        DbCommand? command = null;
        if (prepared is not null && prepared.TryGetValue(sql, out command) && command.Parameters.Count != values.Count)
        {
            throw new ArgumentException($"The statement takes {command.Parameters.Count} values, not {values.Count}.", nameof(values));
        }

        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
            }

            if (prepared is not null)
            {
                prepared[sql] = command;
            }
            else
            {
                (owned ??= []).Add(command);
            }
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
