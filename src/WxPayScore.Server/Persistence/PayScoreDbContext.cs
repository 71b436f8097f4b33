using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The server's database model (SQLite or PostgreSQL). Tables and columns are snake_case so that the few raw SQL
/// statements read the same on both. Each provider has its own subclass (<see cref="SqlitePayScoreDbContext"/>,
/// <see cref="PostgresPayScoreDbContext"/>) because each carries its own migrations; the rest of the server sees only
/// this type.
/// </summary>
public abstract class PayScoreDbContext : DbContext
{
    protected PayScoreDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<OrderEventRecord> OrderEvents => Set<OrderEventRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<ProcessedNotificationRecord> ProcessedNotifications => Set<ProcessedNotificationRecord>();

    public DbSet<WeChatCallRecord> WeChatCalls => Set<WeChatCallRecord>();

    public DbSet<DeviceRecord> Devices => Set<DeviceRecord>();
    public DbSet<RefundRecord> Refunds => Set<RefundRecord>();

    /// <summary>Saves, after bumping the <see cref="OrderRecord.Version"/> of every changed order (the concurrency token checks the old one).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<OrderRecord>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }

        foreach (var entry in ChangeTracker.Entries<RefundRecord>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }

    /// <summary>The stored enums are text columns of at most 32 characters holding each member's <see cref="StoredNames">stored string</see>.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        Stored<OrderPhase>(configurationBuilder);
        Stored<OrderEventKind>(configurationBuilder);
        Stored<OrderSource>(configurationBuilder);
        Stored<NotificationOutcome>(configurationBuilder);
        Stored<WeChatCallOperation>(configurationBuilder);
        Stored<WeChatCallOutcome>(configurationBuilder);
        Stored<RefundPhase>(configurationBuilder);
    }

    private static void Stored<TEnum>(ModelConfigurationBuilder configurationBuilder)
        where TEnum : struct, Enum =>
        configurationBuilder.Properties<TEnum>().HaveConversion<StoredNameConverter<TEnum>>().HaveMaxLength(32);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.HasIndex(o => new { o.SubMchId, o.OutOrderNo }).IsUnique();
            order.HasIndex(o => o.OutOrderNo);
            order.HasIndex(o => o.NextReconcileAt);
            order.HasIndex(o => new { o.Phase, o.CreatedAt });
            order.Property(o => o.Version).IsConcurrencyToken();
            MaxLength(order, 32, o => o.SubMchId, o => o.OutOrderNo, o => o.ServiceId, o => o.AppId, o => o.SubAppId,
                o => o.State, o => o.StateDescription, o => o.CollectionState, o => o.SubMerchantKey);
            MaxLength(order, 50, o => o.DeviceId, o => o.StartLocation, o => o.EndDeviceId);
            order.HasIndex(o => new { o.DeviceId, o.CreatedAt });
            MaxLength(order, 64, o => o.PlanId, o => o.WeChatOrderId);
            MaxLength(order, 128, o => o.OwnerOpenId, o => o.ConfirmedOpenId, o => o.ConfirmedSubOpenId, o => o.LeaseOwner);
            MaxLength(order, 512, o => o.Package);
        });
        modelBuilder.Entity<OrderEventRecord>(e =>
        {
            e.ToTable("order_events");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.OrderId, x.Id });
            e.HasIndex(x => x.At);
            MaxLength(e, 64, x => x.NotificationId);
            MaxLength(e, 2000, x => x.Detail);
        });
        modelBuilder.Entity<NotificationRecord>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.HasIndex(x => x.OrderId);
            n.HasIndex(x => x.ReceivedAt);
            MaxLength(n, 32, x => x.Verification, x => x.SubMchId);
            MaxLength(n, 64, x => x.NotificationId, x => x.EventType, x => x.OutOrderNo);
            MaxLength(n, 128, x => x.Instance);
            MaxLength(n, 1000, x => x.Error);
        });
        modelBuilder.Entity<ProcessedNotificationRecord>(p =>
        {
            p.ToTable("processed_notifications");
            p.HasKey(x => x.NotificationId);
            MaxLength(p, 64, x => x.NotificationId);
        });
        modelBuilder.Entity<WeChatCallRecord>(c =>
        {
            c.ToTable("wechat_calls");
            c.HasKey(x => x.Id);
            c.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
            c.HasIndex(x => x.OrderId);
            c.HasIndex(x => new { x.Outcome, x.SentAt });
            c.HasIndex(x => new { x.Operation, x.SentAt }); // the journal's housekeeping (read-only calls by age)
            MaxLength(c, 64, x => x.ErrorCode);
            MaxLength(c, 128, x => x.RequestId, x => x.Instance);
            MaxLength(c, 600, x => x.Target);
            MaxLength(c, 1000, x => x.ErrorMessage);
        });
        modelBuilder.Entity<RefundRecord>(r =>
        {
            r.ToTable("refunds");
            r.HasKey(x => x.Id);
            r.HasOne<OrderRecord>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.SubMchId, x.OutRefundNo }).IsUnique();
            r.HasIndex(x => new { x.OrderId, x.Id });
            r.HasIndex(x => x.NextCheckAt);
            r.Property(x => x.Version).IsConcurrencyToken();
            MaxLength(r, 32, x => x.SubMchId, x => x.OutOrderNo, x => x.TransactionId, x => x.RefundId, x => x.Channel);
            MaxLength(r, 64, x => x.OutRefundNo, x => x.UserReceivedAccount);
            MaxLength(r, 128, x => x.LeaseOwner);
            MaxLength(r, 256, x => x.Reason, x => x.NotifyUrl);
            MaxLength(r, 1000, x => x.Error);
        });

        DeviceModel.Configure(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join('_', index.Properties.Select(p => SnakeCase(p.Name)))}");
            }

            entity.FindPrimaryKey()?.SetName($"pk_{entity.GetTableName()}");
        }
    }

    private static void MaxLength<T>(EntityTypeBuilder<T> entity, int length, params Expression<Func<T, string?>>[] properties)
        where T : class
    {
        foreach (var property in properties)
        {
            entity.Property(property).HasMaxLength(length);
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
