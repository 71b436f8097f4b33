using Microsoft.EntityFrameworkCore.Metadata;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The server's hand-written statements — the create path (<see cref="OrderCreateWriter"/>), the callback path
/// (<see cref="OrderRows"/>) and the call journal — generated once from the EF Core model (see <see cref="OrderStore.Statements"/>).
/// </summary>
internal sealed class RowStatements
{
    public RowStatements(IModel model)
    {
        Orders = new TableMap(model.FindEntityType(typeof(OrderRecord))!);
        Events = new TableMap(model.FindEntityType(typeof(OrderEventRecord))!);
        Notifications = new TableMap(model.FindEntityType(typeof(NotificationRecord))!);
        Processed = new TableMap(model.FindEntityType(typeof(ProcessedNotificationRecord))!);
        Calls = new WeChatCallStatements(model);

        // The reconciler's lease is the one thing another writer may change on an order without changing the order
        // itself (the reconciler only claims it): the create path neither compares nor writes it.
        OrderCompared = Orders.Insert.Where(c => c.Property.Name is not (nameof(OrderRecord.LeaseOwner) or nameof(OrderRecord.LeaseUntil))).ToArray();
        InsertOrder = Orders.InsertSql();
        SelectOrderComparedById = $"SELECT {string.Join(", ", OrderCompared.Select(c => c.Name))} FROM {Orders.Table} WHERE {Orders.Key} = @p0";
        SelectOrderComparedByIdForUpdate = SelectOrderComparedById + " FOR UPDATE";
        UpdateOrderCompared = Orders.UpdateSql(OrderCompared);
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

    public WeChatCallStatements Calls { get; }

    /// <summary>Every order column but the key and the reconciler's lease.</summary>
    public TableColumn[] OrderCompared { get; }

    public string InsertOrder { get; }

    public string SelectOrderComparedById { get; }

    public string SelectOrderComparedByIdForUpdate { get; }

    public string UpdateOrderCompared { get; }

    public string SelectOrder { get; }

    public string SelectOrderForUpdate { get; }

    public string UpdateOrder { get; }

    public string InsertEvent { get; }

    public string InsertNotification { get; }

    public string InsertProcessed { get; }

    public string SelectProcessed { get; }
}
