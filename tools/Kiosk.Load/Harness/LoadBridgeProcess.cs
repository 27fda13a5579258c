using Kiosk.TestSupport;

namespace Kiosk.Load.Harness;

/// <summary>Starts the load run's bridge as a child process (<c>--bridge-process</c>) with the same settings the in-process bridge
/// gets, so its CPU time can be read apart from the terminals' (the fault injection that needs the bridge's printer object is off).</summary>
internal static class LoadBridgeProcess
{
    /// <summary>Starts it on its own loopback ports and waits until it is ready.</summary>
    public static async Task<BridgeProcess> StartAsync(IEnumerable<string> args, bool verbose)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in args)
        {
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (!a.StartsWith("--", StringComparison.Ordinal) || eq < 0) continue;
            var key = a[2..eq];
            // BridgeProcess picks the ports; the host settings are the child's own.
            if (key.StartsWith("Bridge:Listen:", StringComparison.Ordinal) || key is "environment") continue;
            settings[key] = a[(eq + 1)..];
        }
        // Its console is captured in memory; under load only errors are worth the CPU.
        if (!verbose) settings["Logging:LogLevel:Default"] = settings["Logging:LogLevel:Microsoft"] = "Error";
        var child = new BridgeProcess(settings);
        try
        {
            await child.StartAsync(TimeSpan.FromSeconds(90));
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }
}
