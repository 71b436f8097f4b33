namespace WxPayScore.Server.Problems;

/// <summary>Thrown by the server's services for an answer that is a ProblemDetails (RFC 7807): bad input, not found, upstream trouble.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(StatusCodes.Status500InternalServerError, "Error", "An error occurred.")
    {
    }

    public ApiProblemException(string message)
        : this(StatusCodes.Status400BadRequest, "Bad request", message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status500InternalServerError;
        Title = "Error";
        Type = ProblemTypes.For(Status);
    }

    public ApiProblemException(int status, string title, string detail, string? type = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        Status = status;
        Title = title;
        Type = type ?? ProblemTypes.For(status);
    }

    public int Status { get; }

    public string Title { get; }

    public string Type { get; }

    /// <summary>Extra members of the problem document (e.g. <c>field</c>, <c>outOrderNo</c>, <c>wechatCode</c>).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public ApiProblemException With(string key, object? value)
    {
        Extensions[key] = value;
        return this;
    }
}
