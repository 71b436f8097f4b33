namespace WxPayScore.Cli.Infrastructure;

/// <summary>Holds the last answer the <see cref="ResponseRecorder"/> saw.</summary>
internal sealed class ResponseLog
{
    private RecordedResponse? last;

    public RecordedResponse? Last
    {
        get => Volatile.Read(ref last);
        set => Volatile.Write(ref last, value);
    }
}
