using System.Net;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Password guessing on the fleet port is stopped per user name, across the API and the console, and audited.</summary>
public sealed class AdminLoginThrottleTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Ten_failed_logins_lock_the_name_even_for_the_right_password_while_others_still_log_in()
    {
        var root = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        Assert.Equal(HttpStatusCode.Created, (await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/admins",
            new { username = "target", password = "target-password-123", municipalityCode = "131016" })).Status);
        var anonymous = fixture.FleetClient();
        for (var i = 0; i < 10; i++)
        {
            var (status, problem) = await FleetFixture.SendAsync(anonymous, HttpMethod.Post, "/fleet/api/login", new { username = "target", password = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("login-refused", problem.GetProperty("code").GetString());
        }

        var (locked, lockedProblem) = await FleetFixture.SendAsync(anonymous, HttpMethod.Post, "/fleet/api/login",
            new { username = "TARGET", password = "target-password-123" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked);
        Assert.Equal("too-many-attempts", lockedProblem.GetProperty("code").GetString());
        // The console's form login is the same door.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "target", ["password"] = "target-password-123" });
        using var page = await anonymous.PostAsync("/fleet/login", form);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many failed logins", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(page.Headers.TryGetValues("Set-Cookie", out _));

        // Another admin is not locked out by the attack on this name, and sees it in the audit.
        var again = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (_, audit) = await FleetFixture.SendAsync(again, HttpMethod.Get, "/fleet/api/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "admin.login" && e.GetProperty("actor").GetString() is "target" or "TARGET"
            && e.GetProperty("outcome").GetString() == "throttled"));
    }
}
