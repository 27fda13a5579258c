using Kiosk.Firmware.Simulator.Orchestration;

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("kiosk simulator: " + e.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(SimulatorOptions.Usage);
    return 0;
}

// Lives as long as the process: ProcessExit may fire after Main returned.
var stop = new CancellationTokenSource();
// The in-process web apps each listen for SIGTERM/SIGINT to stop themselves; the simulator as a whole stops on them too.
void Stop(System.Runtime.InteropServices.PosixSignalContext ctx)
{
    ctx.Cancel = true;
    try { stop.Cancel(); } catch (ObjectDisposedException) { }
}
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);

SimulatorHost host;
try
{
    // In a scripted run stdout carries only the PDF path; everything else goes to stderr.
    host = await SimulatorHost.StartAsync(options, options.ScriptedResident != null ? Console.Error : Console.Out, stop.Token);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
{
    Console.Error.WriteLine("kiosk simulator: could not start: " + e.Message);
    return 1;
}

await using (host)
{
    if (options.ScriptedResident != null)
    {
        var result = await ScriptedRun.RunAsync(host, options.ScriptedResident, Console.Error, stop.Token);
        if (result.Ok)
        {
            Console.WriteLine(result.PdfPath);
            return 0;
        }
        Console.Error.WriteLine("kiosk simulator: scripted run failed: " + result.Reason);
        return 1;
    }

    Console.WriteLine("Data folder: " + options.DataDirectory);
    foreach (var p in host.Simulation.Parts.All)
        Console.WriteLine((p.Running ? "  ok       " : "  MISSING  ") + p.Name + ": " + p.Detail);
    Console.WriteLine();
    Console.WriteLine("Front panel: " + host.PanelUrl);
    Console.WriteLine("Press Ctrl+C to stop.");
    try { await Task.Delay(Timeout.Infinite, stop.Token); }
    catch (OperationCanceledException) { }
    Console.WriteLine("Stopping.");
    return 0;
}
