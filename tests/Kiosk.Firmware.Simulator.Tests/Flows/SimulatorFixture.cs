using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.TestSupport;
using Microsoft.Playwright;

namespace Kiosk.Firmware.Simulator.Tests.Flows;

/// <summary>The whole simulator in process (bridge, municipality, emulators, core, front panel) on free ports with its own data
/// folder, plus one Chromium; shared by the flow tests, which use different residents so card states do not mix.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("kiosk-sim-").FullName;
    public StringWriter Log { get; } = new();

    /// <summary>Null when this build has every part; otherwise what it lacks (the flows then check that the panel says so).
    /// A part that is compiled in but fails at run time is not excused: the flows then fail.</summary>
    public string? Missing { get; } = BuildInfo.MissingParts.Count == 0 ? null : string.Join("; ", BuildInfo.MissingParts);

    public async Task InitializeAsync()
    {
        var options = SimulatorOptions.Parse(["--port", "0", "--data", DataDirectory]);
        Host = await SimulatorHost.StartAsync(options, TextWriter.Synchronized(Log), CancellationToken.None);
        Browser = await Kiosk.TestSupport.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("simulator")]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>;

/// <summary>The front panel as a visitor uses it: clicks on the pad and the card slot, reading the screen through the page.</summary>
public sealed class Visitor(IPage page, SimulatorFixture sim)
{
    public IPage Page { get; } = page;

    public static async Task<Visitor> OpenAsync(SimulatorFixture sim, int width = 1280, int height = 800)
    {
        var page = await sim.Browser.NewPageAsync(width, height);
        await page.GotoAsync(sim.Host.PanelUrl);
        var v = new Visitor(page, sim);
        if (sim.Missing == null) await v.ReachIdleAsync();
        return v;
    }

    public Task Key(string name) => Page.Locator("button[data-key='" + name + "']").ClickAsync();

    public async Task Keys(params string[] names)
    {
        foreach (var n in names) await Key(n);
    }

    public async Task<string> State(string expected, int timeoutMs = 20_000)
    {
        try
        {
            await Page.WaitForFunctionAsync("s => document.body.dataset.state === s", expected, new() { Timeout = timeoutMs, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            string log = sim.Log.ToString();
            throw new Xunit.Sdk.XunitException("expected state " + expected + " but the panel shows "
                + await Page.EvaluateAsync<string>("document.body.dataset.state") + ": " + await ScreenText()
                + "\nsimulator log (end):\n" + log[Math.Max(0, log.Length - 3000)..]);
        }
        return await ScreenText();
    }

    /// <summary>After the PIN: the terminal asks for the card back, the visitor takes it, and the certificate list comes.
    /// (The core currently skips ahead while the card still lies there; see The_flow_waits_until_the_card_is_removed.)</summary>
    public async Task<string> TakeCardBackAsync()
    {
        await Page.WaitForFunctionAsync("() => ['RemoveCard', 'ChooseProduct'].includes(document.body.dataset.state)", null, new() { Timeout = 20_000, PollingInterval = 50 });
        await RemoveCard();
        return await State("ChooseProduct");
    }

    public Task<string> ScreenText() => Page.Locator("#screen-text").TextContentAsync().ContinueWith(t => t.Result ?? "");

    public async Task Tap(string resident)
    {
        await Page.GetByLabel("Test resident").SelectOptionAsync(resident);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tap card" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#card-state")).ToContainTextAsync("On the reader");
    }

    public async Task RemoveCard()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove card" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#card-state")).ToHaveTextAsync("No card on the reader.");
    }

    /// <summary>Idle → language screen → English → "place your card".</summary>
    public async Task StartInEnglish()
    {
        await Key("enter");
        await State("Language");
        await Keys("down", "down");
        await Page.WaitForFunctionAsync("() => document.getElementById('screen-text').textContent.includes('>3 English')", null, new() { Timeout = 5000 });
        await Key("enter");
        await State("PlaceCard");
    }

    /// <summary>Cancels whatever is open and takes any card away, so each test starts at idle.</summary>
    public async Task ReachIdleAsync()
    {
        await Page.WaitForFunctionAsync("() => document.body.dataset.state !== undefined && document.body.dataset.state !== 'Starting'", null, new() { Timeout = 20_000 });
        if (sim.Host.Simulation.Cards.PresentId != null) sim.Host.Simulation.Cards.Remove();
        if (await Page.EvaluateAsync<string>("document.body.dataset.state") != "Idle") await Key("cancel");
        await State("Idle");
    }

    /// <summary>Waits until the browser shows the display's current frame and returns its pixels as the browser decoded them (1 = dark).</summary>
    public async Task<bool[]> ShownFrameAsync()
    {
        long version = sim.Host.Simulation.Board.Display.Version;
        await Page.WaitForFunctionAsync("v => Number(document.body.dataset.frame) >= v && document.getElementById('screen').complete", version, new() { Timeout = 5000 });
        await Page.WaitForFunctionAsync("() => { const i = document.getElementById('screen'); return i.complete && i.naturalWidth === 320; }");
        var dark = await Page.EvaluateAsync<int[]>("""
            () => { const img = document.getElementById('screen'); const c = document.createElement('canvas');
                    c.width = 320; c.height = 240; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                    const d = g.getImageData(0, 0, 320, 240).data; const out = new Array(320 * 240);
                    for (let i = 0; i < out.length; i++) out[i] = d[i * 4] < 128 ? 1 : 0; return out; }
            """);
        return dark.Select(x => x == 1).ToArray();
    }

    public Task Screenshot(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(Kiosk.TestSupport.Browser.ScreenshotsDirectory(), name + ".png"), FullPage = true });
}
