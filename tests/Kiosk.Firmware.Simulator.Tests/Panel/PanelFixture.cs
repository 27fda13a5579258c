using Microsoft.AspNetCore.Builder;
using Kiosk.Firmware.Simulator.Board;
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Firmware.Simulator.Panel;
using Kiosk.TestSupport;

namespace Kiosk.Firmware.Simulator.Tests.Panel;

/// <summary>One Chromium for the panel tests (starting it is the slow part).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public BrowserSession Session { get; private set; } = null!;

    public async Task InitializeAsync() => Session = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await Session.DisposeAsync();
}

[CollectionDefinition("chromium")]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>;

/// <summary>A card slot standing in for the emulator in the panel-only tests (the full runs use the real one).</summary>
public sealed class RecordingCardSlot : ICardSlot
{
    public IReadOnlyList<ResidentChoice> Residents { get; } =
    [
        new("r1", "Yamada Taro", "1234", ""),
        new("r2", "Nguyen Van An", "5678", "foreign resident"),
    ];

    public string? PresentId { get; private set; }

    public List<string> Log { get; } = [];

    public void Tap(string residentId) { PresentId = residentId; Log.Add("tap " + residentId); }

    public void Remove()
    {
        if (PresentId == null) throw new InvalidOperationException("There is no card on the reader.");
        PresentId = null;
        Log.Add("remove");
    }
}

/// <summary>The front panel alone, in process, over a board the test drives directly.</summary>
public sealed class PanelUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PanelUnderTest(WebApplication app, Simulation sim, string dataDir)
    {
        _app = app;
        Simulation = sim;
        DataDirectory = dataDir;
    }

    public Simulation Simulation { get; }
    public string DataDirectory { get; }
    public string Url => FrontPanel.UrlOf(_app);
    public RecordingCardSlot Cards => (RecordingCardSlot)Simulation.Cards;

    public static async Task<PanelUnderTest> StartAsync(bool payAtRegister = true)
    {
        string dir = Directory.CreateTempSubdirectory("kiosk-panel-").FullName;
        var parts = new PartsReport();
        parts.Running("Front panel", "test");
        parts.Missing("Host bridge", "not started by this test");
        var sim = new Simulation(new SimulatedBoard(), new RecordingCardSlot(), new MissingRegister(payAtRegister, "not yet available: the register in this test"),
            new PrintedDocuments(Path.Combine(dir, "printed")), parts);
        var app = FrontPanel.Build(sim, 0);
        await app.StartAsync();
        return new PanelUnderTest(app, sim, dir);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Simulation.Board.Dispose();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
