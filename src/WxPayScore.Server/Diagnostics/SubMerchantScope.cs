namespace WxPayScore.Server.Diagnostics;

/// <summary>An open <see cref="SubMerchantTag.Enter"/>: restores the enclosing sub-merchant when disposed.</summary>
public readonly struct SubMerchantScope : IDisposable, IEquatable<SubMerchantScope>
{
    private readonly string? previous;

    internal SubMerchantScope(string? previous) => this.previous = previous;

    public void Dispose() => SubMerchantTag.Scoped.Value = previous;

    public bool Equals(SubMerchantScope other) => string.Equals(previous, other.previous, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SubMerchantScope other && Equals(other);

    public override int GetHashCode() => previous is null ? 0 : StringComparer.Ordinal.GetHashCode(previous);

    public static bool operator ==(SubMerchantScope left, SubMerchantScope right) => left.Equals(right);

    public static bool operator !=(SubMerchantScope left, SubMerchantScope right) => !left.Equals(right);
}
