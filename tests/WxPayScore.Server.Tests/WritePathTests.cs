using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// One write path: every change of the database is a named transaction of <c>OrderWrites</c>
/// (<c>Persistence/OrderWrites*.cs</c>, EF Core) or a statement of <c>Persistence/OrderSql.cs</c> (the hot ones, literal SQL).
/// The server's sources are compiled (Roslyn, against the assemblies the server runs with) and every call is resolved to
/// the method it calls, so a write is found by what it calls, whatever its receiver is named: saving a context, adding,
/// removing, updating or attaching through a context, a <c>DbSet</c> or the change tracker, set-based updates and
/// deletes, literal SQL (reads too: it lives in the write path only), transactions and ADO.NET commands.
/// </summary>
public sealed class WritePathTests
{
    /// <summary>Files that may write, beside the transactions: each with the reason.</summary>
    private static readonly Dictionary<string, string> Infrastructure = new(StringComparer.Ordinal)
    {
        ["Persistence/PayScoreDbContext.cs"] = "the SaveChanges override that bumps the version columns",
        ["Persistence/DatabaseInitializer.cs"] = "the schema: migrations and the upgrade of first-release databases",
        ["Persistence/SqlitePragmaInterceptor.cs"] = "the pragmas of each new SQLite connection",
    };

    private static readonly Lazy<IReadOnlyList<Write>> ServerWrites = new(() => WritesIn(ServerSources(), withServerAssembly: false));

    [Fact]
    public void Only_the_named_transactions_write_to_the_database()
    {
        var outside = ServerWrites.Value.Where(w => !IsWritePath(w.File) && !Infrastructure.ContainsKey(w.File)).Select(w => w.ToString()).ToList();
        Assert.True(outside.Count == 0, "Database writes outside OrderWrites/OrderSql:\n" + string.Join('\n', outside));
    }

    [Fact]
    public void The_reader_finds_the_server_writes_it_is_meant_to_find()
    {
        var files = ServerWrites.Value.Select(w => w.File).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Persistence/OrderWrites.cs", files);
        Assert.Contains("Persistence/OrderWrites.Devices.cs", files);
        Assert.Contains("Persistence/OrderWrites.Refunds.cs", files);
        Assert.Contains("Persistence/OrderWrites.Transactions.cs", files);
        Assert.Contains("Persistence/OrderSql.cs", files);
        foreach (var file in Infrastructure.Keys)
        {
            Assert.Contains(file, files);
        }
    }

    [Theory]
    [InlineData("await anything.SaveChangesAsync(ct);")]
    [InlineData("anything.SaveChanges();")]
    [InlineData("await anything.Devices.Where(d => d.DeviceId == \"x\").ExecuteDeleteAsync(ct);")]
    [InlineData("await anything.Orders.Where(o => o.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, 2), ct);")]
    [InlineData("anything.Devices.Add(device);")]
    [InlineData("anything.Refunds.AddRange(refunds);")]
    [InlineData("anything.WeChatCalls.Attach(call);")]
    [InlineData("await anything.Set<DeviceRecord>().AddAsync(device);")]
    [InlineData("anything.Entry(order).State = EntityState.Modified;")]
    [InlineData("anything.Remove(device);")]
    [InlineData("anything.Update(order);")]
    [InlineData("var tracker = anything.ChangeTracker; tracker.Entries<OrderRecord>().First().State = EntityState.Modified;")]
    [InlineData("await anything.Database.ExecuteSqlInterpolatedAsync($\"DELETE FROM devices\");")]
    [InlineData("await anything.Database.SqlQuery<long>($\"UPDATE orders SET version = 1 RETURNING id AS \\\"Value\\\"\").ToListAsync(ct);")]
    [InlineData("await using var tx = await anything.Database.BeginTransactionAsync(ct);")]
    [InlineData("using var command = link.CreateCommand();")]
    [InlineData("await using var tx = await link.BeginTransactionAsync(ct);")]
    [InlineData("await statement.ExecuteNonQueryAsync(ct);")]
    [InlineData("var set = anything.Devices; set.Remove(device);")]
    public void The_reader_finds_a_write_whatever_its_receiver_is_named(string statement) =>
        Assert.Single(WritesIn([Snippet(statement)], withServerAssembly: true));

    [Theory]
    [InlineData("var items = await anything.Devices.AsNoTracking().OrderBy(d => d.DeviceId).ToListAsync(ct);")]
    [InlineData("var order = await anything.Orders.FirstOrDefaultAsync(o => o.Id == 1, ct);")]
    [InlineData("anything.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;")]
    [InlineData("var list = new List<DeviceRecord>(); list.Add(device); list.Remove(device);")]
    [InlineData("var text = anything.Database.ProviderName;")]
    [InlineData("// anything.SaveChanges() would be a second write path")]
    public void The_reader_leaves_reads_and_other_calls_alone(string statement) =>
        Assert.Empty(WritesIn([Snippet(statement)], withServerAssembly: true));

    private static bool IsWritePath(string file) =>
        file == "Persistence/OrderSql.cs" || (file.StartsWith("Persistence/OrderWrites", StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal));

    private static IEnumerable<SyntaxTree> ServerSources()
    {
        var server = Path.Combine(RepositoryRoot.Path, "src", "WxPayScore.Server");
        foreach (var path in Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories))
        {
            var file = Path.GetRelativePath(server, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            {
                yield return CSharpSyntaxTree.ParseText(File.ReadAllText(path), Options, file);
            }
        }
    }

    /// <summary>One statement in a method whose parameters are the database types under names no convention would guess.</summary>
    private static SyntaxTree Snippet(string statement) => CSharpSyntaxTree.ParseText($$"""
        using System.Data.Common;
        using Microsoft.EntityFrameworkCore;
        using WxPayScore.Server.Persistence;

        internal static class Probe
        {
            public static async Task RunAsync(PayScoreDbContext anything, DbConnection link, DbCommand statement, DeviceRecord device,
                OrderRecord order, WeChatCallRecord call, List<RefundRecord> refunds, CancellationToken ct)
            {
                {{statement}}
            }
        }
        """, Options, "Probe.cs");

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    /// <summary>
    /// The writes in <paramref name="trees"/>, compiled against the assemblies this test runs with: the server's own only
    /// for code that uses it (its sources compiled beside it would make every call of theirs ambiguous).
    /// </summary>
    private static List<Write> WritesIn(IEnumerable<SyntaxTree> trees, bool withServerAssembly)
    {
        var sources = trees.ToList();
        var references = References.Value.Where(r => withServerAssembly || !string.Equals(Path.GetFileName(r.Display), "WxPayScore.Server.dll", StringComparison.OrdinalIgnoreCase));
        var compilation = CSharpCompilation.Create("WritePathProbe", sources.Append(CSharpSyntaxTree.ParseText(GlobalUsings, Options, "GlobalUsings.cs")),
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var result = new List<Write>();
        foreach (var tree in sources)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var reason = node switch
                {
                    InvocationExpressionSyntax call => WriteCalled(model.GetSymbolInfo(call)) ?? Unresolved(model, call),
                    UsingDirectiveSyntax { Name: { } name } when name.ToString() == "Dapper" => "Dapper",
                    _ => null,
                };
                if (reason is not null)
                {
                    var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                    result.Add(new Write(tree.FilePath, line, reason, node.ToString().Split('\n')[0].Trim()));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A call the compiler cannot resolve at all (no method, not even a candidate, on a receiver of unknown type) counts as
    /// a write: the sources compile here without the server's source generators, and a call the reader cannot see must
    /// not slip past it. (Calls that only miss a generated member still resolve to their candidates.)
    /// </summary>
    private static string? Unresolved(SemanticModel model, InvocationExpressionSyntax call)
    {
        var info = model.GetSymbolInfo(call);
        if (info.Symbol is not null || !info.CandidateSymbols.IsEmpty || call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })
        {
            return null;
        }

        var receiver = call.Expression is MemberAccessExpressionSyntax member ? model.GetTypeInfo(member.Expression).Type : null;
        return receiver is null or { TypeKind: TypeKind.Error } ? "unresolved call" : null;
    }

    /// <summary>What makes the called method a write (its type and name), or null.</summary>
    private static string? WriteCalled(SymbolInfo info)
    {
        if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method)
        {
            return null;
        }

        method = method.ReducedFrom ?? method;
        var type = method.ContainingType;
        var name = method.Name;
        var owner = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : type;
        if (IsIn(type, "Dapper") || IsIn(owner, "Dapper"))
        {
            return "Dapper";
        }

        bool Named(params string[] names) => names.Any(n => name == n || name == n + "Async");
        return true switch
        {
            _ when DerivesFrom(owner, "Microsoft.EntityFrameworkCore.DbContext") && Named("SaveChanges", "Add", "AddRange", "Update", "UpdateRange", "Remove",
                "RemoveRange", "Attach", "AttachRange", "Entry") => $"DbContext.{name}",
            _ when DerivesFrom(owner, "Microsoft.EntityFrameworkCore.DbSet`1") && Named("Add", "AddRange", "Update", "UpdateRange", "Remove", "RemoveRange",
                "Attach", "AttachRange") => $"DbSet.{name}",
            _ when DerivesFrom(owner, "Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker") => $"ChangeTracker.{name}",
            _ when DerivesFrom(owner, "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade") && (Named("BeginTransaction", "UseTransaction") ||
                name.StartsWith("ExecuteSql", StringComparison.Ordinal) || name.StartsWith("SqlQuery", StringComparison.Ordinal)) => $"Database.{name}",
            _ when name.StartsWith("FromSql", StringComparison.Ordinal) && IsIn(type, "Microsoft.EntityFrameworkCore") => $"literal SQL {name}",
            _ when Named("ExecuteUpdate", "ExecuteDelete") && IsIn(type, "Microsoft.EntityFrameworkCore") => $"set-based {name}",
            _ when DerivesFrom(owner, "System.Data.Common.DbConnection") && Named("CreateCommand", "BeginTransaction") => $"DbConnection.{name}",
            _ when DerivesFrom(owner, "System.Data.Common.DbCommand") && Named("ExecuteNonQuery", "ExecuteScalar", "ExecuteReader") => $"DbCommand.{name}",
            _ => null,
        };
    }

    private static bool DerivesFrom(ITypeSymbol? type, string metadataName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            var definition = t.OriginalDefinition;
            var full = definition.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{definition.MetadataName}" : definition.MetadataName;
            if (full == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIn(ITypeSymbol? type, string ns) =>
        type?.ContainingNamespace?.ToDisplayString() is { } name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));

    // The implicit usings of a web project (the server's csproj relies on them).
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>The runtime's assemblies and those beside this test (the server and every package it uses).</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(beside)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private sealed record Write(string File, int Line, string Reason, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Reason}: {Text}";
    }
}
