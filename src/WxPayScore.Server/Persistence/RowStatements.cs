using Microsoft.EntityFrameworkCore.Metadata;

namespace WxPayScore.Server.Persistence;

/// <summary>The statements of <see cref="OrderRows"/>, generated once from the EF Core model.</summary>
internal sealed class RowStatements
{
    public RowStatements(IModel model)
    {
        Orders = new TableMap(model.FindEntityType(typeof(OrderRecord))!);
        Events = new TableMap(model.FindEntityType(typeof(OrderEventRecord))!);
        Notifications = new TableMap(model.FindEntityType(typeof(NotificationRecord))!);
        Processed = new TableMap(model.FindEntityType(typeof(ProcessedNotificationRecord))!);
        SelectOrder = Orders.SelectSql(nameof(OrderRecord.SubMchId), nameof(OrderRecord.OutOrderNo));
        SelectOrderForUpdate = SelectOrder + " FOR UPDATE";
        UpdateOrder = Orders.UpdateSql(Orders.Insert);
        InsertEvent = Events.InsertSql();
        InsertNotification = Notifications.InsertSql();
        InsertProcessed = Processed.InsertSql();
        SelectProcessed = $"SELECT 1 FROM {Processed.Table} WHERE {Processed.Key} = @p0";
    }

    public TableMap Orders { get; }

    public TableMap Events { get; }

    public TableMap Notifications { get; }

    public TableMap Processed { get; }

    public string SelectOrder { get; }

    public string SelectOrderForUpdate { get; }

    public string UpdateOrder { get; }

    public string InsertEvent { get; }

    public string InsertNotification { get; }

    public string InsertProcessed { get; }

    public string SelectProcessed { get; }
}
