using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace WxPayScore.BrowserTests;

/// <summary>Collects what a visitor's browser would complain about: console errors, page errors, failed requests and 4xx/5xx answers.</summary>
public sealed class PageProblems
{
    private readonly ConcurrentQueue<string> problems = new();

    public static PageProblems Watch(IPage page)
    {
        var watcher = new PageProblems();
        watcher.Add(page);
        return watcher;
    }

    public void Add(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error on {page.Url}: {error}");
        page.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public void AssertNone() => Assert.True(problems.IsEmpty, "browser problems:\n" + string.Join('\n', problems));
}
