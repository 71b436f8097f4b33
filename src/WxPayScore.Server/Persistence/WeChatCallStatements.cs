using Microsoft.EntityFrameworkCore.Metadata;

namespace WxPayScore.Server.Persistence;

/// <summary>The journal's two statements, generated from the model: insert a call, store its outcome (and its order, once known).</summary>
internal sealed class WeChatCallStatements
{
    private readonly TableMap calls;
    private readonly TableColumn[] outcome;

    public WeChatCallStatements(IModel model)
    {
        calls = new TableMap(model.FindEntityType(typeof(WeChatCallRecord))!);
        outcome = calls.Insert.Where(c => c.Property.Name is nameof(WeChatCallRecord.Outcome) or nameof(WeChatCallRecord.HttpStatus) or
            nameof(WeChatCallRecord.CompletedAt) or nameof(WeChatCallRecord.ErrorCode) or nameof(WeChatCallRecord.ErrorMessage) or
            nameof(WeChatCallRecord.RequestId) or nameof(WeChatCallRecord.OrderId)).ToArray();
        Insert = calls.InsertSql();
        UpdateOutcome = calls.UpdateSql(outcome);
    }

    public string Insert { get; }

    public string UpdateOutcome { get; }

    public object?[] InsertValues(WeChatCallRecord call) => TableMap.Values(call, calls.Insert);

    public object?[] OutcomeValues(WeChatCallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TableMap.Values(call, outcome, extra: call.Id);
    }
}
