namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>The outcome of an unattended transaction: the printed PDF, or the reason it failed.</summary>
public sealed record ScriptedResult(bool Ok, string? PdfPath, string Reason)
{
    /// <summary>A failure with its reason.</summary>
    public static ScriptedResult Fail(string reason) => new(false, null, reason);
}

/// <summary>--scripted: one whole transaction for a test resident, driven through the same keypad and card slot as the front panel.</summary>
public static class ScriptedRun
{
    /// <summary>Runs it; never reports success unless a PDF came out of the printer for this run.</summary>
    public static Task<ScriptedResult> RunAsync(SimulatorHost host, string residentId, TextWriter log, CancellationToken ct)
    {
        var missing = host.Simulation.Parts.MissingParts;
        if (missing.Count > 0)
            return Task.FromResult(ScriptedResult.Fail(string.Join("; ", missing.Select(m => m.Name + ": " + m.Detail))));
        return Task.FromResult(ScriptedResult.Fail("not yet available: the scripted transaction is not wired to the terminal core"));
    }
}
