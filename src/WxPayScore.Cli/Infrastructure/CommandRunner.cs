using System.CommandLine;
using System.Net.Http;
using System.Text.Json.Nodes;
using WxPayScore.Cli.Configuration;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Infrastructure;

/// <summary>Runs a command body and turns every failure into its exit code and one clear message (text or JSON).</summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, CliConsole console, Func<ParseResult, CliOutput, CancellationToken, Task<int>> body)
    {
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, body, cancellationToken));
    }

    public static async Task<int> RunAsync(ParseResult parse, CliConsole console, Func<ParseResult, CliOutput, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        var output = new CliOutput(console, parse.GetValue(GlobalOptions.Json));
        try
        {
            return await body(parse, output, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            output.Error("usage", ex.Message);
            return ExitCodes.UsageError;
        }
        catch (WeChatPayValidationException ex)
        {
            output.Error("validation", "Refused locally, nothing was sent: " + ex.Message, new JsonObject { ["field"] = ex.Field });
            return ExitCodes.UsageError;
        }
        catch (InvalidServiceOrderStateException ex)
        {
            output.Error("order_state", "Refused locally, nothing was sent: " + ex.Message);
            return ExitCodes.CheckFailed;
        }
        catch (WeChatPayApiException ex)
        {
            output.Error("wechatpay_error", ex.Message, new JsonObject
            {
                ["status"] = (int)ex.StatusCode,
                ["wechat_code"] = ex.Code,
                ["wechat_message"] = ex.ErrorMessage,
                ["kind"] = ex.Kind.ToString(),
                ["request_id"] = ex.RequestId,
            });
            return ExitCodes.CheckFailed;
        }
        catch (WeChatPaySignatureException ex)
        {
            output.Error("unverifiable_answer", ex.Message + " Run `wxpayscore doctor` to find out which key is wrong.",
                new JsonObject { ["failure"] = ex.Failure.ToString(), ["request_id"] = ex.RequestId });
            return ExitCodes.CheckFailed;
        }
        catch (WeChatPayConnectionException ex)
        {
            output.Error("connection_failed", ex.Message);
            return ExitCodes.CheckFailed;
        }
        catch (WeChatPayException ex)
        {
            output.Error("wechatpay_failure", ex.Message, new JsonObject { ["request_id"] = ex.RequestId });
            return ExitCodes.CheckFailed;
        }
        catch (CheckFailedException ex)
        {
            output.Error(ex.Code, ex.Message);
            return ExitCodes.CheckFailed;
        }
        catch (HttpRequestException ex)
        {
            output.Error("connection_failed", ex.Message);
            return ExitCodes.CheckFailed;
        }
        catch (IOException ex)
        {
            output.Error("io", ex.Message);
            return ExitCodes.UsageError;
        }
        catch (UnauthorizedAccessException ex)
        {
            output.Error("io", ex.Message);
            return ExitCodes.UsageError;
        }
    }
}
