using System.CommandLine;
using System.Text.Json.Nodes;
using WxPayScore.Cli.Configuration;
using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.Doctor;

/// <summary><c>wxpayscore doctor [--offline]</c>: checks a merchant's set-up and says exactly what to fix.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var offline = new Option<bool>("--offline") { Description = "Skip the live probe (no network)." };
        var command = new Command("doctor", "Checks the WeChatPay settings, keys and certificate, then probes WeChat Pay (or the sandbox) with a signed query.") { offline };
        CommandRunner.SetAction(command, console, async (parse, output, cancellationToken) =>
        {
            var settings = CliSettings.Load(console, parse);
            var options = settings.WeChatPay();
            var offlineChecks = new OfflineChecks(settings, options, time);
            var checks = offlineChecks.Run().ToList();
            if (parse.GetValue(offline))
            {
                checks.Add(new DoctorCheck("probe", "live probe", CheckStatus.Skip, "skipped (--offline)"));
            }
            else if (!offlineChecks.SettingsValid)
            {
                checks.Add(new DoctorCheck("probe", "live probe", CheckStatus.Skip, "skipped: fix the settings first (the SDK refuses to start with them)"));
            }
            else
            {
                checks.Add(await LiveProbe.RunAsync(settings, options, time, cancellationToken).ConfigureAwait(false));
            }

            var failed = checks.Count(c => c.Status == CheckStatus.Fail);
            var array = new JsonArray();
            foreach (var check in checks)
            {
                array.Add(check.ToJson());
            }

            var sources = new JsonArray();
            foreach (var source in settings.Sources)
            {
                sources.Add(source);
            }

            output.Document(new JsonObject
            {
                ["ok"] = failed == 0,
                ["base_url"] = options.BaseUrl,
                ["mchid"] = options.MchId,
                ["configuration_files"] = sources,
                ["checks"] = array,
            });

            output.Line($"wxpayscore doctor — merchant {(options.MchId is { Length: > 0 } m ? m : "(none)")} at {options.BaseUrl}");
            output.Line("configuration: " + (settings.Sources.Count == 0 ? "(no file)" : string.Join(", ", settings.Sources)) + " + environment + flags");
            output.Line();
            foreach (var check in checks)
            {
                var mark = check.Status switch
                {
                    CheckStatus.Ok => "[ ok ]",
                    CheckStatus.Warn => "[warn]",
                    CheckStatus.Fail => "[FAIL]",
                    _ => "[skip]",
                };
                output.Line($"{mark} {check.Title,-15} {check.Message}");
                foreach (var detail in check.Details)
                {
                    output.Line($"       {"",-15}   - {detail}");
                }

                if (check.Diagnosis is not null && check.Status is CheckStatus.Fail or CheckStatus.Warn)
                {
                    output.Line($"       {"",-15} diagnosis: {check.Diagnosis}{(check.Reason is null ? string.Empty : " (" + check.Reason + ")")}");
                }

                if (check.Fix is not null && check.Status is CheckStatus.Fail or CheckStatus.Warn)
                {
                    output.Line($"       {"",-15} fix: {check.Fix}");
                }

                if (check.RequestId is not null)
                {
                    output.Line($"       {"",-15} Request-ID {check.RequestId}");
                }
            }

            output.Line();
            output.Line(failed == 0 ? "All checks passed." : $"{failed} check(s) failed.");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
