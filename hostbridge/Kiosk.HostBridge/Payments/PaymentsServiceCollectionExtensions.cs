using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Kiosk.HostBridge.Payments;

/// <summary>Registers the payment side: <c>Payments:Mode</c> = register (default) or free.</summary>
public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Adds the configured <see cref="IPaymentProvider"/>, its store and migration, and <see cref="PaidPrintService"/>.
    /// Keys: Payments:Mode, Payments:Database:Provider (sqlite|postgres), Payments:Database:ConnectionString,
    /// Payments:CodeLifetime (hh:mm:ss), Payments:StoreApiKeys:{storeId} = key.</summary>
    public static IServiceCollection AddKioskPayments(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Payments");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPaymentAudit, LoggingPaymentAudit>();
        services.TryAddSingleton<PaidPrintService>();
        if (string.Equals(section["Mode"], "free", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IPaymentProvider, FreePaymentProvider>();
            return services;
        }
        var options = new PayAtRegisterOptions();
        section.Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<StoreApiKeys>();
        var provider = section["Database:Provider"] ?? "sqlite";
        var connectionString = section["Database:ConnectionString"] ?? "Data Source=kiosk-payments.db";
        var postgres = string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase);
        if (postgres) connectionString = Storage.PostgresConnectionDefaults.Apply(connectionString);
        Func<DbConnection> connect = postgres
            ? () => new NpgsqlConnection(connectionString)
            : () => new SqliteConnection(connectionString);
        services.AddSingleton<IPaymentStore>(new SqlPaymentStore(connect));
        services.AddHostedService<PaymentSchemaMigrator>();
        services.AddSingleton<PayAtRegisterProvider>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<PayAtRegisterProvider>());
        return services;
    }
}

/// <summary>Runs the payments migration when the bridge starts.</summary>
internal sealed class PaymentSchemaMigrator(IPaymentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
