using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Orders;

/// <summary>Registers orders: the Pay Score settings and plans, the schedule, the snapshot applier and <see cref="OrderService"/>.</summary>
public static class OrdersServiceCollectionExtensions
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PayScoreOptions>().Bind(configuration.GetSection(PayScoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayScoreOptions>, PayScoreOptionsValidator>();
        services.AddOptions<OrderScheduleOptions>().Bind(configuration.GetSection(OrderScheduleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrderScheduleOptions>, OrderScheduleOptionsValidator>();
        services.AddSingleton<IValidateOptions<PayScoreOptions>, SubMerchants.SubMerchantOptionsValidator>();
        services.AddSingleton<SubMerchants.SubMerchantCatalog>();
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton<OutOrderNoGenerator>();
        services.AddSingleton<OrderSnapshotApplier>();
        services.AddSingleton<NotifyUrlProvider>();
        services.AddSingleton<SubMerchants.OrderStartResolver>();
        services.AddSingleton<Devices.DeviceService>();
        services.AddSingleton<Devices.DeviceSeeder>();
        services.AddSingleton<Devices.EndDevices>();
        services.AddSingleton<OrderService>();
        return services;
    }
}
