using System.Text.Json.Nodes;

namespace WxPayScore.Cli.Doctor;

/// <summary>
/// One finding of <c>doctor</c>: <see cref="Diagnosis"/> is a stable code scripts can test (e.g. <c>sign_error</c>),
/// <see cref="Fix"/> what to change.
/// </summary>
internal sealed record DoctorCheck(string Id, string Title, CheckStatus Status, string Message, string? Diagnosis = null, string? Fix = null)
{
    /// <summary>A finer reason under <see cref="Diagnosis"/> (e.g. <c>unknown_serial</c> under <c>unverifiable_answer</c>).</summary>
    public string? Reason { get; init; }

    public string? RequestId { get; init; }

    public IReadOnlyList<string> Details { get; init; } = [];

    public JsonObject ToJson()
    {
        var details = new JsonArray();
        foreach (var detail in Details)
        {
            details.Add(detail);
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["title"] = Title,
            ["status"] = Status.ToString().ToLowerInvariant(),
            ["message"] = Message,
            ["diagnosis"] = Diagnosis,
            ["reason"] = Reason,
            ["fix"] = Fix,
            ["request_id"] = RequestId,
            ["details"] = details,
        };
    }
}
