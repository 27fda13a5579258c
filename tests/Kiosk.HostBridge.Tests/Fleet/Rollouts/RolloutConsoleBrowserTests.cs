using Dapper;
using Kiosk.HostBridge.Storage;
using Kiosk.TestSupport;
using Microsoft.Playwright;

namespace Kiosk.HostBridge.Tests.Fleet.Rollouts;

/// <summary>
/// The console in Debian's Chromium: an admin uploads a signed bundle and starts a two-group rollout; six terminals (the core's update agent
/// over real mTLS, each with an emulated image store, two of them failing) pull and report; the page shows group 1's results and group 2
/// held back by the error threshold, and group 2's terminals were never offered the bundle.
/// </summary>
public sealed class RolloutConsoleBrowserTests(SqliteRolloutFixture fixture) : IClassFixture<SqliteRolloutFixture>
{
    [Fact]
    public async Task Two_group_rollout_is_held_back_by_the_error_threshold()
    {
        var api = fixture.Admin();
        var m = fixture.NewMunicipality();
        string first = "first-" + m, second = "second-" + m;
        await api.CreateStoreAsync(first, m);
        await api.CreateStoreAsync(second, m);
        var group1 = new List<(string Id, TerminalUpdater T)>();
        var group2 = new List<(string Id, TerminalUpdater T)>();
        foreach (var (store, list, count) in new[] { (first, group1, 4), (second, group2, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                var (id, cert) = await api.EnrolAsync(store);
                list.Add((id, new TerminalUpdater(fixture.Bridge.KioskUri, cert, fixture.Pki.FleetCa, "1.0.0")));
            }
        }
        var bundle = RolloutFixtureBase.Content(30_000, 11);
        // Two of group 1 fail: one bundle does not pass its self-check after the switch, one terminal's flash corrupts a byte.
        group1[2].T.Store.FailingSelfCheckVersions.Add("2.0.0");
        group1[3].T.Store.CorruptByteAt = 12_345;

        await using var chromium = await Browser.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = "en-US" });
        // Two cores shared with the other test projects: give each browser step more than Playwright's 30 s default.
        context.SetDefaultTimeout(Browser.StepTimeoutMs);
        var page = await context.NewPageAsync();
        var fleet = fixture.Bridge.FleetUri!.ToString().TrimEnd('/');
        await page.GotoAsync(fleet + "/fleet");
        await page.FillAsync("input[name=username]", RolloutFixtureBase.RootUser);
        await page.FillAsync("input[name=password]", RolloutFixtureBase.RootPassword);
        await page.ClickAsync("button:has-text('Log in')");
        await page.GotoAsync(fleet + "/fleet/rollouts");

        // A signature for another version is refused with a clear message, and nothing is stored.
        await page.FillAsync("#upload input[name=version]", "2.0.0");
        await page.SetInputFilesAsync("#upload input[name=file]", new FilePayload { Name = "kiosk-app-2.0.0.bin", MimeType = "application/octet-stream", Buffer = bundle });
        await page.FillAsync("#upload input[name=signature]", fixture.Sign("2.0.1", bundle));
        await page.ClickAsync("#upload button");
        Assert.Contains("signature over version, size and SHA-256 does not verify", await page.TextContentAsync("#error"));
        await page.GotoAsync(fleet + "/fleet/rollouts");
        Assert.Equal(1, await page.Locator("#bundles tr").CountAsync());

        await page.FillAsync("#upload input[name=version]", "2.0.0");
        await page.SetInputFilesAsync("#upload input[name=file]", new FilePayload { Name = "kiosk-app-2.0.0.bin", MimeType = "application/octet-stream", Buffer = bundle });
        await page.FillAsync("#upload input[name=size]", bundle.Length.ToString());
        await page.FillAsync("#upload input[name=signature]", fixture.Sign("2.0.0", bundle));
        await page.ClickAsync("#upload button");
        Assert.Equal("2.0.0", await page.TextContentAsync("#bundles tr:nth-child(2) td:first-child"));

        await page.SelectOptionAsync("#create select[name=bundleId]", new SelectOptionValue { Label = "2.0.0" });
        await page.FillAsync("#create input[name=municipalityCode]", m);
        await page.FillAsync("#create input[name='g0.targets']", first);
        await page.FillAsync("#create input[name='g0.success']", "100");
        await page.FillAsync("#create input[name='g0.pause']", "25");
        await page.FillAsync("#create input[name='g0.abort']", "75");
        await page.FillAsync("#create input[name='g1.targets']", "100%");
        // Wait for the create POST's answer itself, so a slow or failed create says so instead of timing out on the URL.
        var traffic = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, r) => traffic.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " request " + r.Method + " " + r.Url);
        page.Response += (_, r) => traffic.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " response " + r.Status + " " + r.Url);
        page.RequestFailed += (_, r) => traffic.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " failed " + r.Url + " " + r.Failure);
        page.FrameNavigated += (_, f) => traffic.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " navigated " + f.Url);
        IResponse created;
        try
        {
            created = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#create button"),
                r => r.Url.EndsWith("/fleet/rollouts/create", StringComparison.Ordinal) && r.Request.Method == "POST");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("no answer to the create POST; page " + page.Url + "; traffic since the click:\n" + string.Join("\n", traffic), e);
        }
        if (created.Status != 302) Assert.Fail("create answered " + created.Status + ": " + await created.TextAsync());
        // Not WaitForURLAsync: once the URL matches it waits for "load" by checking then subscribing on another thread, and a load
        // event that lands in between is lost (CI saw only "NetworkIdle event fired" for 90 s). Expect polls the URL inside the driver.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/fleet/rollouts/[0-9a-f]{32}$"));
        Assert.Equal("running", await page.TextContentAsync("#state"));
        var rolloutId = page.Url.Split('/').Last();

        // Group 1 pulls: download, verify, switch (the corrupting one refuses before switching and reports at once).
        foreach (var (_, t) in group1)
        {
            t.Boot();
            t.Run();
        }
        Assert.Equal(1, group1.Count(x => x.T.Store.CurrentVersion == "1.0.0"));
        // Restart into the new bundle: it proves itself (bridge reached, self-check) or goes back, and reports.
        foreach (var (_, t) in group1.Take(3))
        {
            t.Boot();
            t.Run();
            if (t.Agent.State == Kiosk.Firmware.Core.Update.UpdateAgentState.RestartNeeded)
            {
                t.Boot();
                t.Run();
            }
        }
        Assert.Equal(["2.0.0", "2.0.0", "1.0.0", "1.0.0"], group1.Select(x => x.T.Store.CurrentVersion));
        Assert.All(group1, x => Assert.Null(x.T.Store.ReportVersion));

        foreach (var (_, t) in group2)
        {
            t.Boot();
            Assert.StartsWith("no update: rollout-paused", t.Run());
            Assert.Equal("1.0.0", t.Store.CurrentVersion);
            Assert.Null(t.Store.StagedVersion);
        }

        await page.ReloadAsync();
        Assert.Equal("paused", await page.TextContentAsync("#state"));
        Assert.Equal("pause", await page.TextContentAsync("#decision"));
        Assert.Contains("pause threshold 25 %", await page.TextContentAsync("#cause"));
        Assert.Equal("released", await page.TextContentAsync("#groups tr[data-group='1'] .status"));
        Assert.Equal("4", await page.TextContentAsync("#groups tr[data-group='1'] .targeted"));
        Assert.Equal("2", await page.TextContentAsync("#groups tr[data-group='1'] .succeeded"));
        Assert.Equal("2", await page.TextContentAsync("#groups tr[data-group='1'] .failed"));
        Assert.Equal("held back", await page.TextContentAsync("#groups tr[data-group='2'] .status"));
        Assert.Equal("0", await page.TextContentAsync("#groups tr[data-group='2'] .targeted"));
        Assert.Equal("self-check-failed", await page.TextContentAsync("#devices tr[data-device='" + group1[2].Id + "'] .reason"));
        Assert.Equal("digest-mismatch", await page.TextContentAsync("#devices tr[data-device='" + group1[3].Id + "'] .reason"));
        foreach (var (id, _) in group2) Assert.Equal(0, await page.Locator("#devices tr[data-device='" + id + "']").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotsDirectory(), "rollout-console-held-back.png"), FullPage = true });

        // Never offered: no assignment, no offer, no download for group 2's terminals.
        await using var c = await fixture.Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        foreach (var (id, _) in group2)
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollout_assignments WHERE device_id = @id", new { id }));
        var offered = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollout_assignments WHERE rollout_id = @rolloutId AND offered_at IS NOT NULL", new { rolloutId });
        Assert.Equal(4L, offered);
    }
}
