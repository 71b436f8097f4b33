using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Configuration;

/// <summary>This server instance's name (journal rows, reconciler leases): <c>Server:InstanceName</c> or machine + process id + a random suffix.</summary>
public sealed class InstanceIdentity
{
    public InstanceIdentity(IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = options.Value.InstanceName is { Length: > 0 } configured
            ? configured
            : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    public string Name { get; }
}
