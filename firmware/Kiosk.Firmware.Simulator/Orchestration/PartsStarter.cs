namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Starts the bridge, the municipality, the printer, the emulators and the core, reporting each.</summary>
internal static class PartsStarter
{
    public static Task StartAllAsync(SimulatorHost host, TextWriter log, CancellationToken ct)
    {
        var parts = host.Simulation.Parts;
        parts.Missing("Municipality", NotYet.Municipality);
        parts.Missing("Host bridge", NotYet.Bridge);
        parts.Missing("Printer", NotYet.Printer);
        parts.Missing("Card emulator", NotYet.CardEmulator);
        parts.Missing("Terminal core", NotYet.Core);
        return Task.CompletedTask;
    }
}
