namespace WxPayScore.Server.Configuration;

/// <summary>Settings of the server itself (section <c>Server</c>).</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Folder for the SQLite database, generated keys and (embedded mode) the sandbox's data. Relative paths are resolved against the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Folder of the shared front end (<c>miniprogram/</c>); empty = the copy in the build output (<c>wwwroot/miniprogram</c>).</summary>
    public string? FrontEndPath { get; set; }

    /// <summary>Largest JSON body accepted by the mini-program and admin APIs, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Name of this instance in the journal and the reconciler's leases; default: machine name and process id.</summary>
    public string? InstanceName { get; set; }

    /// <summary><c>Server:Mode</c> (Embedded or Real); see <see cref="ServerModeResolver"/>. Read before the host is built.</summary>
    public string? Mode { get; set; }

    /// <summary>
    /// IP addresses of the reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed (loopback always is),
    /// so rate limits and logs see the real client.
    /// </summary>
    public string[]? KnownProxies { get; set; }
}
