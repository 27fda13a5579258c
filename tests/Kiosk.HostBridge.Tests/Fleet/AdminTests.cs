using System.Net;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Revocation, municipality isolation, inventory from heartbeats, alerts and the audit of admin actions.</summary>
public sealed class AdminTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Revocation_refuses_the_next_handshake()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (_, json, device) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(admin, "store-1"));
        var deviceId = json.GetProperty("deviceId").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/sessions")).Status);

        var (status, revoked) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/revoke", new { reason = "stolen" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());

        // A new connection right after the call: no wait for the periodic trust refresh.
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Bridge.Client(device).PostAsync("/v1/sessions", new StringContent("{}")));
        var (_, audit) = await FleetFixture.SendAsync(admin, HttpMethod.Get, "/fleet/api/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "device.revoke" && e.GetProperty("target").GetString() == deviceId
            && e.GetProperty("actor").GetString() == "root");
    }

    [Fact]
    public async Task Municipality_admin_sees_and_acts_only_on_its_own_stores()
    {
        var root = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        Assert.Equal(HttpStatusCode.Created, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "osaka-1", municipalityCode = "271004", name = "Osaka store" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/admins",
            new { username = "osaka", password = "osaka-password-123", municipalityCode = "271004" })).Status);
        var (_, osakaDevice, _) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(root, "osaka-1"));
        var osakaDeviceId = osakaDevice.GetProperty("deviceId").GetString()!;

        var osaka = await fixture.LoginAsync("osaka", "osaka-password-123");
        var (_, stores) = await FleetFixture.SendAsync(osaka, HttpMethod.Get, "/fleet/api/stores");
        Assert.Equal(new[] { "osaka-1" }, stores.EnumerateArray().Select(s => s.GetProperty("storeId").GetString()!).ToArray());
        var (_, devices) = await FleetFixture.SendAsync(osaka, HttpMethod.Get, "/fleet/api/devices");
        Assert.Equal(new[] { osakaDeviceId }, devices.EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!).ToArray());

        // Chiyoda's device "term-a" and store "store-1" do not exist for Osaka.
        Assert.Equal(HttpStatusCode.NotFound, (await FleetFixture.SendAsync(osaka, HttpMethod.Post, "/fleet/api/devices/term-a/revoke")).Status);
        Assert.Null(fixture.Bridge.Get<Devices.DeviceCertificateValidator>().Check(fixture.Pki.Device));
        Assert.Equal(HttpStatusCode.NotFound, (await FleetFixture.SendAsync(osaka, HttpMethod.Post, "/fleet/api/stores/store-1/enrolment-tokens")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FleetFixture.SendAsync(osaka, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "store-1", municipalityCode = "271004", name = "taken over" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FleetFixture.SendAsync(osaka, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "osaka-x", municipalityCode = "131016", name = "elsewhere" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FleetFixture.SendAsync(osaka, HttpMethod.Post, "/fleet/api/admins",
            new { username = "sneaky", password = "sneaky-password-123" })).Status);

        var (_, audit) = await FleetFixture.SendAsync(osaka, HttpMethod.Get, "/fleet/api/audit");
        Assert.All(audit.EnumerateArray(), e => Assert.Equal("271004", e.GetProperty("municipalityCode").GetString()));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "device.revoke" && e.GetProperty("outcome").GetString() == "not-found");
    }

    [Fact]
    public async Task Inventory_shows_the_last_heartbeat_and_raises_alerts()
    {
        var root = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (_, json, device) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(root, "store-2"));
        var deviceId = json.GetProperty("deviceId").GetString()!;
        var beat = JsonSerializer.Serialize(new
        {
            firmwareVersion = "1.17.0", appVersion = "2.3.1", freeHeap = 12000, largestFreeBlock = 8000, readerState = "ok",
            printerState = "paper-out", uptimeSeconds = 120, state = "idle",
        });
        Assert.Equal(HttpStatusCode.OK, (await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/heartbeat", beat)).Status);

        var (_, devices) = await FleetFixture.SendAsync(root, HttpMethod.Get, "/fleet/api/devices");
        var row = devices.EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == deviceId);
        Assert.Equal("2.3.1", row.GetProperty("appVersion").GetString());
        Assert.Equal(12000, row.GetProperty("freeHeap").GetInt64());
        var alerts = row.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("printer-paper-out", alerts);
        Assert.Contains("low-memory", alerts);
        Assert.DoesNotContain("silent", alerts);

        // term-b was enrolled by the fixture and never sent a heartbeat; it is silent once SilentAfter passed — here it has not yet.
        var (_, certs) = await FleetFixture.SendAsync(root, HttpMethod.Get, "/fleet/api/certificates");
        var first = certs.EnumerateArray().First();
        Assert.True(first.GetProperty("daysLeft").GetInt32() <= certs.EnumerateArray().Last().GetProperty("daysLeft").GetInt32());
        var (_, alertList) = await FleetFixture.SendAsync(root, HttpMethod.Get, "/fleet/api/alerts");
        Assert.Contains(alertList.EnumerateArray(), a => a.GetProperty("deviceId").GetString() == "term-expired"
            && a.GetProperty("alerts").EnumerateArray().Any(x => x.GetString() == "certificate-expired"));
    }

    [Fact]
    public async Task Console_logs_in_with_a_strict_cookie_renders_inventory_and_refuses_cross_site_posts()
    {
        var cookies = new System.Net.CookieContainer();
        var handler = fixture.FleetHandler();
        handler.CookieContainer = cookies;
        var browser = fixture.FleetClient(handler: handler);
        var page = await browser.GetStringAsync("/fleet");
        Assert.Contains("action=\"/fleet/login\"", page);

        var login = await browser.PostAsync("/fleet/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["username"] = FleetFixture.RootUser, ["password"] = FleetFixture.RootPassword }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var setCookie = string.Join(";", login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await browser.GetStringAsync("/fleet");
        Assert.Contains("id=\"who\">root<", dashboard);
        Assert.Contains("data-device=\"term-a\"", dashboard);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/fleet/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["deviceId"] = "term-a" }),
        };
        crossSite.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);
        Assert.Null(fixture.Bridge.Get<Devices.DeviceCertificateValidator>().Check(fixture.Pki.Device));
    }
}
