using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>The <c>devices</c> table in the EF Core model (<see cref="Persistence.PayScoreDbContext"/>).</summary>
internal static class DeviceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeviceRecord>(d =>
        {
            d.ToTable("devices");
            d.HasKey(x => x.DeviceId);
            d.HasIndex(x => new { x.SubMerchant, x.DeviceId });
            d.Property(x => x.DeviceId).HasMaxLength(DeviceRecord.MaxDeviceIdLength);
            d.Property(x => x.SubMerchant).HasMaxLength(32);
            d.Property(x => x.Location).HasMaxLength(DeviceRecord.MaxLocationLength);
            d.Property(x => x.Plans).HasMaxLength(2000);
            d.Ignore(x => x.PlanIds);
        });
    }
}
