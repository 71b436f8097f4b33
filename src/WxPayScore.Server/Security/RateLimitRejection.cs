namespace WxPayScore.Server.Security;

/// <summary>
/// Endpoint metadata: how a request to this endpoint that the rate limiter refused is answered, when a ProblemDetails
/// is not what the caller understands (WeChat's callbacks expect its own <c>{ code, message }</c> and retry later).
/// </summary>
/// <param name="write">Writes the body; the status (429) and Retry-After are already set.</param>
public sealed class RateLimitRejection(Func<HttpContext, CancellationToken, Task> write)
{
    public Func<HttpContext, CancellationToken, Task> Write { get; } = write;
}
