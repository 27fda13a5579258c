using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Firmware.Simulator.Wiring;
using Kiosk.HostBridge.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Firmware.Simulator.Tests.Fleet;

/// <summary>
/// The fleet console in Debian's Chromium, end to end: an admin creates an enrolment token, <c>kioskctl provision</c> enrols with
/// it and writes the bundle, the simulator runs a terminal on that bundle against the bridge, the console shows it alive, the admin
/// revokes it and the terminal's next TLS handshake is refused; another municipality's admin never sees the device.
/// </summary>
public sealed class EnrolmentConsoleBrowserTests : IAsyncLifetime
{
    private const string Admin = FleetBridge.Admin;
    private const string AdminPassword = FleetBridge.AdminPassword;
    private const string OtherAdmin = "osaka-ops";
    private const string OtherPassword = "other-municipality-password";

    private readonly StringWriter _log = new();
    private FleetBridge _fleetBridge = null!;
    private Kiosk.TestSupport.BrowserSession _browser = null!;

    private WebApplication Bridge => _fleetBridge.App;
    private Uri FleetUrl => _fleetBridge.Fleet;

    public async Task InitializeAsync()
    {
        _fleetBridge = await FleetBridge.StartAsync();
        await Bridge.Services.GetRequiredService<AdminStore>().CreateIfMissingAsync(OtherAdmin, OtherPassword, "271004", CancellationToken.None);
        _browser = await Kiosk.TestSupport.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _fleetBridge.DisposeAsync();
    }

    private async Task<IPage> LogInAsync(string user, string password)
    {
        // The bridge's development server certificate chains to its own fleet CA, which this browser does not know.
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = "en-US" });
        context.SetDefaultTimeout(Kiosk.TestSupport.Browser.StepTimeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(FleetUrl, "/fleet").ToString());
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button:has-text('Log in')");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(user);
        return page;
    }

    [Fact]
    public async Task Enrol_with_a_console_token_see_the_simulated_terminal_alive_revoke_it_and_its_next_handshake_is_refused()
    {
        var page = await LogInAsync(Admin, AdminPassword);
        await page.FillAsync("input[name=storeId]", "store-e2e");
        await page.FillAsync("input[name=name]", "Konbini Kanda 2-chome");
        await page.ClickAsync("button:has-text('Add store')");
        await page.ClickAsync("#stores tr:has-text('store-e2e') button:has-text('New enrolment token')");
        var token = (await page.Locator("#token").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", token);

        // The technician's step: kioskctl enrols with the token and writes the bundle (no flashing here).
        var (bundle, deviceId) = await _fleetBridge.ProvisionAsync("store-e2e", token);

        // The terminal comes alive on that bundle.
        var options = SimulatorOptions.Parse(["--port", "0", "--data", Path.Combine(_fleetBridge.Work, "sim"), "--bridge-bundle", bundle, "--heartbeat-seconds", "1"]);
        await using var simulator = await SimulatorHost.StartAsync(options, TextWriter.Synchronized(_log), CancellationToken.None);
        var link = simulator.Simulation.ExternalLink!;
        var row = page.Locator("#devices tr[data-device='" + deviceId + "']");
        await ReloadUntilAsync(page, row, ExternalBridgeStarter.FirmwareVersion);
        await Assertions.Expect(row).ToContainTextAsync(ExternalBridgeStarter.AppVersion);
        await Assertions.Expect(row).ToContainTextAsync(" s ago");
        await Assertions.Expect(row.Locator("td.status")).Not.ToHaveTextAsync("revoked");
        // Alive: whatever else the heartbeat reports, the device is not silent.
        await Assertions.Expect(page.Locator("#alerts")).Not.ToContainTextAsync("silent");
        Assert.True(link.Handshakes >= 1);
        Assert.Equal(0, link.RefusedHandshakes);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Kiosk.TestSupport.Browser.ScreenshotsDirectory(), "fleet-console-device-alive.png"), FullPage = true });

        // Revoke in the console: the terminal's next TLS handshake is refused.
        await row.Locator("input[name=reason]").FillAsync("lost in transit (test)");
        await row.Locator("button:has-text('Revoke')").ClickAsync();
        await Assertions.Expect(page.Locator("#devices tr[data-device='" + deviceId + "'] td.status")).ToHaveTextAsync("revoked");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (link.RefusedHandshakes == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(link.RefusedHandshakes > 0, "the terminal never saw a refused handshake (" + link.Handshakes + " accepted); log:\n" + _log);
        Assert.NotNull(link.LastRefusal);
        var accepted = link.Handshakes;
        await Task.Delay(2500);
        Assert.Equal(accepted, link.Handshakes); // and it never gets back in
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("device.revoke");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Kiosk.TestSupport.Browser.ScreenshotsDirectory(), "fleet-console-device-revoked.png"), FullPage = true });

        // Another municipality's admin sees neither the store nor the device.
        var other = await LogInAsync(OtherAdmin, OtherPassword);
        await Assertions.Expect(other.Locator("#devices")).Not.ToContainTextAsync(deviceId);
        await Assertions.Expect(other.Locator("#stores")).Not.ToContainTextAsync("store-e2e");
        await Assertions.Expect(other.Locator("#audit")).Not.ToContainTextAsync(deviceId);
    }

    private async Task ReloadUntilAsync(IPage page, ILocator row, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GotoAsync(new Uri(FleetUrl, "/fleet").ToString());
            if (await row.CountAsync() == 1 && (await row.TextContentAsync())!.Contains(text, StringComparison.Ordinal)) return;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the device never reported in: " + await page.ContentAsync());
            await Task.Delay(500);
        }
    }

}
