namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>Registers bundles, rollouts and their schema step.</summary>
public static class RolloutServiceCollectionExtensions
{
    /// <summary>Adds the rollout services; call right after the fleet's own (the schema step runs after <see cref="FleetSchema"/>).</summary>
    public static void AddKioskRollouts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RolloutOptions>(builder.Configuration.GetSection("Rollouts"));
        builder.Services.AddSingleton<BundleStore>();
        builder.Services.AddSingleton<RolloutService>();
        builder.Services.AddHostedService<RolloutSchema>();
    }
}
