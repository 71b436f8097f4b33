namespace WxPayScore.Cli.Doctor;

internal enum CheckStatus
{
    Ok = 0,
    Warn,
    Fail,
    Skip,
}
