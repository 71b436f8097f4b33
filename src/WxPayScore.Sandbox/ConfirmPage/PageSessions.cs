using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>Open confirm pages (in memory: a page open across a restart has to be reopened — with a new package).</summary>
internal sealed class PageSessions
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, PageSession> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public PageSession Add(Func<string, PageSession> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var session = create(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        sessions[session.Id] = session;
        order.Enqueue(session.Id);
        while (sessions.Count > Capacity && order.TryDequeue(out var old))
        {
            sessions.TryRemove(old, out _);
        }

        return session;
    }

    public PageSession? Find(string? id) => id is not null && sessions.TryGetValue(id, out var session) ? session : null;
}
