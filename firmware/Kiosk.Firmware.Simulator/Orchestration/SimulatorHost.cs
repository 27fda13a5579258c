using Kiosk.Firmware.Simulator.Board;
using Kiosk.Firmware.Simulator.Panel;

namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Starts every part with embedded defaults, then the front panel; disposing stops them in reverse order.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started = [];

    private SimulatorHost(SimulatorOptions options, Simulation simulation)
    {
        Options = options;
        Simulation = simulation;
    }

    /// <summary>The options it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The running simulation.</summary>
    public Simulation Simulation { get; }

    /// <summary>The front panel's URL.</summary>
    public string PanelUrl { get; private set; } = "";

    /// <summary>Starts everything; parts that cannot start are reported in <see cref="Simulation"/>'s parts, not thrown.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, TextWriter log, CancellationToken ct)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var parts = new PartsReport();
        var board = new SimulatedBoard();
        var printed = new PrintedDocuments(Path.Combine(options.DataDirectory, "printed"));
        var sim = new Simulation(board, new MissingCardSlot(NotYet.CardEmulator), new MissingRegister(options.Payment == "register", NotYet.Payments), printed, parts);
        var host = new SimulatorHost(options, sim);
        try
        {
            await PartsStarter.StartAllAsync(host, log, ct);
            var panel = FrontPanel.Build(sim, options.Port);
            await panel.StartAsync(ct);
            host._started.Add(panel);
            host.PanelUrl = FrontPanel.UrlOf(panel);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Keeps a started part to stop it on dispose.</summary>
    internal void Track(IAsyncDisposable part) => _started.Add(part);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            try { await _started[i].DisposeAsync(); }
            catch (Exception) { /* stopping must go on for the others */ }
        }
        _started.Clear();
        Simulation.Board.Dispose();
    }
}
