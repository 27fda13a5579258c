using System.Net;
using System.Text.Json;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Every state-changing admin call of the fleet API leaves a fleet audit record naming who, what, on what and how it ended.</summary>
public sealed class AdminAuditTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Each_admin_action_and_each_refusal_is_audited_with_actor_target_and_outcome()
    {
        var refusedLogin = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/fleet/api/login", new { username = "root", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, refusedLogin.Status);
        var root = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        Assert.Equal(HttpStatusCode.Created, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "audit-1", municipalityCode = "141003", name = "Yokohama store" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/admins",
            new { username = "yokohama", password = "yokohama-password-1", municipalityCode = "141003" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "no spaces allowed", municipalityCode = "141003", name = "bad id" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/admins",
            new { username = "yokohama", password = "yokohama-password-2", municipalityCode = "141003" })).Status);
        var (_, kept, _) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(root, "audit-1"));
        var (_, revoked, _) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(root, "audit-1"));
        var keptId = kept.GetProperty("deviceId").GetString()!;
        var revokedId = revoked.GetProperty("deviceId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/devices/" + revokedId + "/revoke", new { reason = "lost" })).Status);

        var city = await fixture.LoginAsync("yokohama", "yokohama-password-1");
        Assert.True((await FleetFixture.SendAsync(city, HttpMethod.Post, "/fleet/api/devices/" + keptId + "/renew")).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await FleetFixture.SendAsync(city, HttpMethod.Post, "/fleet/api/admins",
            new { username = "another", password = "another-password-1", municipalityCode = "141003" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FleetFixture.SendAsync(city, HttpMethod.Post, "/fleet/api/devices/term-a/revoke")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await FleetFixture.SendAsync(city, HttpMethod.Post, "/fleet/api/logout")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FleetFixture.SendAsync(city, HttpMethod.Get, "/fleet/api/me")).Status);

        var (_, audit) = await FleetFixture.SendAsync(await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword), HttpMethod.Get, "/fleet/api/audit");
        var records = audit.EnumerateArray().Select(Line).ToList();
        string[] expected =
        [
            "root admin.login - refused",
            "root admin.login - ok",
            "root store.create audit-1 ok",
            "root admin.create yokohama ok",
            "root store.create - refused: bad-request",
            "root admin.create - refused: exists",
            "root token.create audit-1 ok",
            "token-of:root device.enrol " + keptId + "@audit-1 ok",
            "root device.revoke " + revokedId + " ok",
            "yokohama admin.login - ok",
            "yokohama certificate.flag-renewal " + keptId + " ok",
            "yokohama admin.create another denied",
            "yokohama device.revoke term-a not-found",
            "yokohama admin.logout - ok",
        ];
        foreach (var line in expected) Assert.Contains(line, records);
    }

    private static string Line(JsonElement e) => string.Join(' ', e.GetProperty("actor").GetString(), e.GetProperty("action").GetString(),
        e.GetProperty("target").GetString(), e.GetProperty("outcome").GetString());
}
