namespace WxPayScore.Server.Embedded;

/// <summary>Stops the embedded sandbox when the server stops.</summary>
public sealed class EmbeddedSandboxLifetime : IHostedService
{
    private readonly EmbeddedSandbox sandbox;

    public EmbeddedSandboxLifetime(EmbeddedSandbox sandbox)
    {
        this.sandbox = sandbox;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await sandbox.DisposeAsync();
}
