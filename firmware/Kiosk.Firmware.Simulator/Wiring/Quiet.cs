namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>Keeps the in-process services' logs to warnings on the console, so the simulator's own lines stay readable.</summary>
internal static class Quiet
{
    /// <summary>Configuration arguments lowering the log level.</summary>
    public static readonly string[] Args =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:Console:FormatterName=simple",
    ];

    /// <summary>Plain one-line console logs at warning and above.</summary>
    public static void Configure(WebApplicationBuilder b)
    {
        b.Logging.ClearProviders();
        b.Logging.SetMinimumLevel(LogLevel.Warning);
        b.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.IncludeScopes = false; });
    }
}
