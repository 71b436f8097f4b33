using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WxPayScore.Server.Persistence;

/// <summary>Stores a member of <typeparamref name="TEnum"/> as its <see cref="StoredNames">stored string</see> (the column stays text).</summary>
public sealed class StoredNameConverter<TEnum> : ValueConverter<TEnum, string>
    where TEnum : struct, Enum
{
    public StoredNameConverter()
        : base(value => value.ToStoredName(), name => StoredNames.Parse<TEnum>(name))
    {
    }
}
