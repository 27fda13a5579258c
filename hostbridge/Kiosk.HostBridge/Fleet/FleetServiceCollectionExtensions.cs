namespace Kiosk.HostBridge.Fleet;

/// <summary>Registers the fleet services (enrolment, admin accounts, inventory, audit) and the schema/seed start-up step.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>Adds everything under <see cref="Fleet"/>; call after the bridge's own hosted services so migrations run first.</summary>
    public static FleetOptions AddKioskFleet(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Fleet");
        builder.Services.Configure<FleetOptions>(section);
        builder.Services.AddSingleton<FleetCaSigner>();
        builder.Services.AddSingleton<AdminStore>();
        builder.Services.Configure<AdminLoginLimitOptions>(section.GetSection("LoginLimit"));
        builder.Services.AddSingleton<AdminLoginThrottle>();
        builder.Services.AddSingleton<FleetAudit>();
        builder.Services.AddSingleton<Inventory>();
        builder.Services.AddSingleton<EnrolmentService>();
        builder.Services.AddSingleton<FleetActions>();
        builder.Services.AddSingleton<Renewal.CertificateRenewal>();
        builder.Services.AddHostedService<FleetSchema>();
        Rollouts.RolloutServiceCollectionExtensions.AddKioskRollouts(builder);
        return section.Get<FleetOptions>() ?? new FleetOptions();
    }
}
