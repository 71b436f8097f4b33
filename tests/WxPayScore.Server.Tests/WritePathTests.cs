using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// One write path: every change of the database is a named transaction of <see cref="OrderWrites"/>
/// (<c>Persistence/OrderWrites*.cs</c>, EF Core) or a statement of <c>Persistence/OrderSql.cs</c> (the hot ones, Dapper).
/// The writes are read from the sources, as <see cref="FolderDependencyTests"/> reads the references: saving a context,
/// set-based updates and deletes, adding/removing/attaching through a <c>DbSet</c> or the change tracker, raw SQL
/// execution, transactions, ADO.NET commands and Dapper (reads too: literal SQL lives in <c>OrderSql</c> only).
/// </summary>
public sealed partial class WritePathTests
{
    /// <summary>Files that may write, beside the transactions: each with the reason.</summary>
    private static readonly Dictionary<string, string> Infrastructure = new(StringComparer.Ordinal)
    {
        ["Persistence/PayScoreDbContext.cs"] = "the SaveChanges override that bumps the version columns",
        ["Persistence/DatabaseInitializer.cs"] = "the schema: migrations and the upgrade of first-release databases",
        ["Persistence/SqlitePragmaInterceptor.cs"] = "the pragmas of each new SQLite connection",
    };

    [Fact]
    public void Only_the_named_transactions_write_to_the_database()
    {
        var writes = Writes();
        var outside = writes.Where(w => !IsWritePath(w.File) && !Infrastructure.ContainsKey(w.File)).Select(w => w.ToString()).ToList();
        Assert.True(outside.Count == 0, "Database writes outside OrderWrites/OrderSql:\n" + string.Join('\n', outside));
    }

    [Fact]
    public void The_reader_finds_the_writes_it_is_meant_to_find()
    {
        var files = Writes().Select(w => w.File).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Persistence/OrderWrites.cs", files);
        Assert.Contains("Persistence/OrderWrites.Devices.cs", files);
        Assert.Contains("Persistence/OrderWrites.Refunds.cs", files);
        Assert.Contains("Persistence/OrderWrites.Transactions.cs", files);
        Assert.Contains("Persistence/OrderSql.cs", files);
        foreach (var file in Infrastructure.Keys)
        {
            Assert.Contains(file, files);
        }

        string[] writesOf =
        [
            "await db.SaveChangesAsync(ct);",
            "db.SaveChanges();",
            "return await db.Devices.Where(d => d.DeviceId == id).ExecuteDeleteAsync(ct) > 0;",
            "await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, 2), ct);",
            "db.Devices.Add(device);",
            "context.Refunds.AddRange(refunds);",
            "db.WeChatCalls.Attach(call);",
            "await db.Set<DeviceRecord>().AddAsync(device);",
            "db.Entry(order).State = EntityState.Modified;",
            "db.Remove(device);",
            "db.Update(order);",
            "db.ChangeTracker.Entries<OrderRecord>().First().State = EntityState.Modified;",
            "await db.Database.ExecuteSqlInterpolatedAsync($\"DELETE FROM devices\");",
            "await using var transaction = await db.Database.BeginTransactionAsync(ct);",
            "using var command = connection.CreateCommand();",
            "await connection.ExecuteAsync(sql, order, transaction);",
            "using Dapper;",
        ];
        Assert.All(writesOf, line => Assert.True(IsWrite(line), line));

        string[] readsOf =
        [
            "var device = await reads.FindDeviceAsync(deviceId, ct);",
            "errors.Add(new(\"deviceId\", message, line));",
            "errors.AddRange(lineErrors);",
            "var items = await db.Devices.AsNoTracking().OrderBy(d => d.DeviceId).ToListAsync(ct);",
            "operation.RequestBody?.Content?.Remove(AnyContentType);",
            "return await pipeline.ExecuteAsync(token => send(token), ct);",
            "// db.SaveChanges() would be a second write path",
            "db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;",
        ];
        Assert.All(readsOf, line => Assert.False(IsWrite(line), line));
    }

    private static bool IsWritePath(string file) =>
        file == "Persistence/OrderSql.cs" || (file.StartsWith("Persistence/OrderWrites", StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal));

    private static List<Write> Writes()
    {
        var server = Path.Combine(FolderDependencyTests.FindRoot(), "src", "WxPayScore.Server");
        var result = new List<Write>();
        foreach (var path in Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories))
        {
            var file = Path.GetRelativePath(server, path).Replace(Path.DirectorySeparatorChar, '/');
            if (file.StartsWith("bin/", StringComparison.Ordinal) || file.StartsWith("obj/", StringComparison.Ordinal) || file.Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (IsWrite(line))
                {
                    result.Add(new Write(file, number, line.Trim()));
                }
            }
        }

        Assert.True(result.Count > 0, "no writes found under " + server);
        return result;
    }

    private static bool IsWrite(string line)
    {
        var code = line.TrimStart();
        if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith('*'))
        {
            return false;
        }

        return WriteCall().IsMatch(code) || DbSetChange.IsMatch(code) || ContextChange().IsMatch(code);
    }

    /// <summary>Adding, removing, updating or attaching through one of the context's sets (by their names) or <c>Set&lt;T&gt;()</c>.</summary>
    private static readonly Regex DbSetChange = new(
        @"(?:\.(?:" + string.Join('|', typeof(PayScoreDbContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>)).Select(p => p.Name))
        + @")|\.Set<\w+>\(\))\s*\.(?:Add|AddRange|Update|UpdateRange|Remove|RemoveRange|Attach|AttachRange)(?:Async)?\s*\(",
        RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:SaveChanges|ExecuteUpdate|ExecuteDelete|ExecuteSql\w*|BeginTransaction|UseTransaction|CreateCommand|ExecuteNonQuery|ExecuteScalar|ExecuteReader)(?:Async)?\s*\(|^using\s+Dapper\s*;|\bconnection\.(?:Execute|Query)\w*\s*[<(]",
        RegexOptions.CultureInvariant)]
    private static partial Regex WriteCall();

    /// <summary>The context's own change methods and its change tracker (<c>db.Add(…)</c>, <c>db.Entry(…)</c>).</summary>
    [GeneratedRegex(@"\b(?:db|context|dbContext|writer|pooled)\s*\.\s*(?:Add|AddRange|Update|UpdateRange|Remove|RemoveRange|Attach|AttachRange|Entry)(?:Async)?\s*\(|\.ChangeTracker\.(?!QueryTrackingBehavior\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ContextChange();

    private sealed record Write(string File, int Line, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Text}";
    }
}
