namespace WxPayScore.Cli.Keys;

/// <summary>What a PEM block (or a whole file) is.</summary>
internal enum PemKind
{
    Unknown = 0,
    PrivateKeyPkcs8,
    PrivateKeyPkcs1,
    EncryptedPrivateKey,
    PublicKey,
    RsaPublicKeyPkcs1,
    Certificate,
}
