namespace WxPayScore.Server.Journal;

/// <summary>Registers the journal of WeChat calls (and its hook in the SDK's pipeline for the certificate download).</summary>
public static class JournalServiceCollectionExtensions
{
    public static IServiceCollection AddJournal(this IServiceCollection services)
    {
        services.AddSingleton<WeChatCallJournal>();
        services.AddTransient<CertificateDownloadJournalHandler>();
        return services;
    }
}
