using System.Net;
using System.Security.Authentication;
using Dapper;
using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Jpki;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Privacy;
using Kiosk.HostBridge.Sessions;
using Kiosk.HostBridge.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Hosting;

/// <summary>Builds the bridge: configuration, storage, PKI, services, Kestrel (mTLS kiosk port + plain ops port) and routes.</summary>
public static class BridgeApp
{
    /// <summary>Creates the application; <paramref name="configure"/> may replace seams (issuance, printer, payments) or configuration.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables("KIOSK_");
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection("Bridge").Get<BridgeOptions>() ?? new BridgeOptions();
        builder.Services.Configure<BridgeOptions>(builder.Configuration.GetSection("Bridge"));
        builder.Services.Configure<BridgeRateLimitSection>(builder.Configuration.GetSection("Bridge"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        var paths = BridgePaths.Resolve(options, builder.Environment.ContentRootPath, TimeProvider.System);
        builder.Services.AddSingleton(paths);

        AddStorage(builder.Services, options, paths);
        builder.Services.AddSingleton(DeploymentKeys.Load(options.DeploymentKey, Path.Combine(paths.DataDir, "deployment.key")));
        builder.Services.AddSingleton<SerialHasher>();
        builder.Services.AddSingleton<SecretBox>();
        builder.Services.AddSingleton<ResidentSeal>();
        builder.Services.AddSingleton<BridgeMetrics>();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddSingleton<DeviceRegistry>();
        builder.Services.AddSingleton<DeviceTrustCache>();
        builder.Services.AddSingleton<HeartbeatStore>();
        builder.Services.AddSingleton(sp => new DeviceCertificateValidator(paths.FleetCa, sp.GetRequiredService<DeviceTrustCache>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<BridgeMetrics>(), sp.GetRequiredService<ILogger<DeviceCertificateValidator>>()));
        builder.Services.AddSingleton(sp => new JpkiTrustAnchors(
            sp.GetRequiredService<IOptions<BridgeOptions>>().Value.Jpki.TrustAnchors.Select(p => Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, p)))));
        builder.Services.AddHttpClient("crl");
        builder.Services.AddSingleton<CrlCache>();
        builder.Services.AddSingleton<JpkiVerifier>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<Operations.PrinterStates>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<IPaymentOrderLookup>(sp => sp.GetRequiredService<OrderStore>());
        builder.Services.AddSingleton(sp => new OrderRecoveryContext(
            sp.GetRequiredService<IOptions<BridgeOptions>>().Value.Timing.RecoveryGrace, sp.GetService<IPaymentStore>()));
        builder.Services.AddSingleton<PaymentSettlementSweep>();
        builder.Services.AddSingleton<OrderPipeline>();
        builder.Services.AddSingleton<AuthRateLimiter>();
        builder.Services.AddSingleton<SessionService>();
        builder.Services.AddSingleton<OrderService>();
        builder.Services.AddSingleton<IPaymentEvents, OrderWakeup>();
        AddSeams(builder, paths);

        // Order matters: the initializer migrates before the background loops touch the database.
        builder.Services.AddHostedService<BridgeInitializer>();
        builder.Services.AddHostedService<DeviceTrustRefresher>();
        builder.Services.AddHostedService<CrlRefresher>();
        builder.Services.AddHostedService<OrderWorker>();
        builder.Services.AddHostedService<AuditSealer>();
        var fleet = builder.AddKioskFleet();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            ConfigureKestrel(kestrel, options, paths);
            FleetListener.Listen(kestrel, IPAddress.Parse(options.Listen.Address), fleet, paths);
        });

        var app = builder.Build();
        app.UseMiddleware<ProblemMiddleware>();
        app.MapOps();
        app.MapKioskApi();
        app.MapFleet();
        if (app.Services.GetService<PayAtRegisterProvider>() is not null) app.MapStorePaymentEndpoints();
        return app;
    }

    /// <summary>The seams other parts implement: configured municipality, printer and payments unless the caller supplied its own.</summary>
    private static void AddSeams(WebApplicationBuilder builder, BridgePaths paths)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        if (!services.Any(d => d.ServiceType == typeof(IIssuanceBackend)))
        {
            if (config.GetSection("MunicipalApi").Exists())
            {
                var municipal = config.GetSection("MunicipalApi").Get<MunicipalApiOptions>() ?? new MunicipalApiOptions();
                // The client's per-attempt timeouts bound every call; HttpClient's own 100 s default must not cut in first.
                services.AddSingleton<IIssuanceBackend>(sp => new MunicipalApiClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, municipal,
                    sp.GetRequiredService<TimeProvider>()));
            }
            else
            {
                services.AddSingleton<IIssuanceBackend, UnconfiguredIssuanceBackend>();
            }
        }
        services.TryAddSingleton<IOrderBindingCheck, OrderBindingCheck>();
        // The gate's and the payments' steps land in the bridge's chained audit log beside the order's own transitions.
        services.TryAddSingleton<OrderAuditEntries>();
        services.TryAddSingleton<IPrintAudit, BridgePrintAudit>();
        services.TryAddSingleton<IPaymentAudit, BridgePaymentAudit>();
        if (!services.Any(d => d.ServiceType == typeof(IPrinter)))
        {
            config["Printing:Folder:Folder"] ??= Path.Combine(paths.DataDir, "printed");
            services.AddKioskPrinting(config);
        }
        if (!services.Any(d => d.ServiceType == typeof(IPaymentProvider)))
        {
            config["Payments:Database:ConnectionString"] ??= "Data Source=" + Path.Combine(paths.DataDir, "payments.db");
            services.AddKioskPayments(config);
        }
        // The order pipeline prints only through the gate, also when the host supplied its own printer or payments.
        services.AddKioskPrintGate(config);
        services.TryAddSingleton<PaidPrintService>();
    }

    private static void AddStorage(IServiceCollection services, BridgeOptions options, BridgePaths paths)
    {
        if (string.Equals(options.Database.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            var cs = options.Database.ConnectionString ?? throw new InvalidOperationException("Bridge:Database:ConnectionString is required for postgres.");
            services.AddSingleton<IDatabase>(new PostgresDatabase(cs));
        }
        else
        {
            services.AddSingleton<IDatabase>(new SqliteDatabase(options.Database.ConnectionString
                ?? "Data Source=" + Path.Combine(paths.DataDir, "bridge.db")));
        }
        services.AddSingleton<Migrator>();
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, BridgeOptions options, BridgePaths paths)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = Math.Max(options.DrainLimitBytes, options.MaxRequestBodyBytes);
        kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        kestrel.Limits.MaxRequestLineSize = 4 * 1024;
        var address = IPAddress.Parse(options.Listen.Address);
        kestrel.Listen(address, options.Listen.KioskPort, listen =>
        {
            // HTTP/1.1 only: the terminal keeps one keep-alive TLS connection and speaks plain HTTP/1.1 on it.
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = paths.ServerCertificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CheckCertificateRevocation = false,
                // Runs inside the handshake: a refused device never reaches routing or any handler.
                ClientCertificateValidation = (certificate, chain, errors) =>
                    kestrel.ApplicationServices.GetRequiredService<DeviceCertificateValidator>().Validate(certificate, chain, errors),
                // A resumed TLS session skips the client-certificate check above, so a revoked terminal could come back in on
                // its old session: every connection makes a full handshake (the terminal keeps one connection alive anyway).
                OnAuthenticate = (_, ssl) => ssl.AllowTlsResume = false,
            });
        });
        if (options.Listen.OpsPort >= 0) kestrel.Listen(address, options.Listen.OpsPort, listen => listen.Protocols = HttpProtocols.Http1);
    }
}
