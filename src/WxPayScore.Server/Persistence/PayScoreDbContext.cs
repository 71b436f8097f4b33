using System.Text;
using Microsoft.EntityFrameworkCore;

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
            order.Property(o => o.SubMchId).HasMaxLength(32);
            order.Property(o => o.OutOrderNo).HasMaxLength(32);
            order.Property(o => o.ServiceId).HasMaxLength(32);
            order.Property(o => o.AppId).HasMaxLength(32);
            order.Property(o => o.SubAppId).HasMaxLength(32);
            order.Property(o => o.PlanId).HasMaxLength(64);
            order.Property(o => o.OwnerOpenId).HasMaxLength(128);
            order.Property(o => o.Phase).HasMaxLength(32);
            order.Property(o => o.State).HasMaxLength(32);
            order.Property(o => o.StateDescription).HasMaxLength(32);
            order.Property(o => o.CollectionState).HasMaxLength(32);
            order.Property(o => o.WeChatOrderId).HasMaxLength(64);
            order.Property(o => o.Package).HasMaxLength(512);
            order.Property(o => o.ConfirmedOpenId).HasMaxLength(128);
            order.Property(o => o.ConfirmedSubOpenId).HasMaxLength(128);
            order.Property(o => o.LeaseOwner).HasMaxLength(128);
        });
        modelBuilder.Entity<OrderEventRecord>(e =>
        {
            e.ToTable("order_events");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.OrderId, x.Id });
            e.HasIndex(x => x.At);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.FromPhase).HasMaxLength(32);
            e.Property(x => x.ToPhase).HasMaxLength(32);
            e.Property(x => x.NotificationId).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(2000);
        });
        modelBuilder.Entity<NotificationRecord>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.HasIndex(x => x.OrderId);
            n.HasIndex(x => x.ReceivedAt);
            n.Property(x => x.NotificationId).HasMaxLength(64);
            n.Property(x => x.EventType).HasMaxLength(64);
            n.Property(x => x.Verification).HasMaxLength(32);
            n.Property(x => x.Outcome).HasMaxLength(32);
            n.Property(x => x.SubMchId).HasMaxLength(32);
            n.Property(x => x.OutOrderNo).HasMaxLength(64);
            n.Property(x => x.Error).HasMaxLength(1000);
            n.Property(x => x.Instance).HasMaxLength(128);
        });
        modelBuilder.Entity<ProcessedNotificationRecord>(p =>
        {
            p.ToTable("processed_notifications");
            p.HasKey(x => x.NotificationId);
            p.Property(x => x.NotificationId).HasMaxLength(64);
        });
        modelBuilder.Entity<WeChatCallRecord>(c =>
        {
            c.ToTable("wechat_calls");
            c.HasKey(x => x.Id);
            c.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).IsRequired(false).OnDelete(DeleteBehavior.SetNull);
            c.HasIndex(x => x.OrderId);
            c.HasIndex(x => new { x.Outcome, x.SentAt });
            c.Property(x => x.Operation).HasMaxLength(32);
            c.Property(x => x.Target).HasMaxLength(600);
            c.Property(x => x.Outcome).HasMaxLength(32);
            c.Property(x => x.ErrorCode).HasMaxLength(64);
            c.Property(x => x.ErrorMessage).HasMaxLength(1000);
            c.Property(x => x.RequestId).HasMaxLength(128);
            c.Property(x => x.Instance).HasMaxLength(128);
        });

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
