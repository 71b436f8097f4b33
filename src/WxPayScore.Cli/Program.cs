using WxPayScore.Cli;
using WxPayScore.Cli.Infrastructure;

return await CliApplication.RunAsync(args, CliConsole.FromSystem()).ConfigureAwait(false);
