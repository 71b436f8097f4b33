using System.CommandLine;
using WxPayScore.Cli.Callbacks;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Doctor;
using WxPayScore.Cli.Infrastructure;
using WxPayScore.Cli.Keys;
using WxPayScore.Cli.Orders;
using WxPayScore.Cli.SandboxControl;

namespace WxPayScore.Cli;

/// <summary>The <c>wxpayscore</c> command tree; exit codes 0 ok, 1 check failed, 2 usage or configuration error.</summary>
internal static class CliApplication
{
    public static RootCommand Build(CliConsole console, TimeProvider time)
    {
        var root = new RootCommand("wxpayscore — WeChat Pay Score (微信支付分) merchant tool: doctor, keys, callbacks, orders, sandbox.");
        foreach (var option in GlobalOptions.All)
        {
            root.Add(option);
        }

        root.Add(DoctorCommand.Create(console, time));
        root.Add(KeysCommands.Create(console, time));
        root.Add(CallbacksCommands.Create(console, time));
        root.Add(OrdersCommands.Create(console, time));
        root.Add(SandboxCommands.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console, time ?? TimeProvider.System);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            // Parse errors print with help as usual, but scripts get 2 (usage), not 1 (a failed check).
            await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parse.Action is null && parse.CommandResult.Command is { Action: null } group && group.Subcommands.Count > 0)
        {
            var name = group is RootCommand ? "wxpayscore" : "'" + group.Name + "'";
            console.Error.WriteLine($"{name} needs a command: {string.Join(", ", group.Subcommands.Select(c => c.Name))} (--help says more).");
            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
