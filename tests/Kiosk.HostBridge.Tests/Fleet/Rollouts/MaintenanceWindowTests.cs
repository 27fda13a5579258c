using Kiosk.HostBridge.Fleet.Rollouts;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet.Rollouts;

/// <summary>The window as a rule, and end to end with the bridge's clock moved to Tokyo times inside and outside it.</summary>
public sealed class MaintenanceWindowTests(SqliteRolloutFixture fixture) : IClassFixture<SqliteRolloutFixture>
{
    [Theory]
    [InlineData("01:00", "05:00", "00:59", false, 60)]
    [InlineData("01:00", "05:00", "01:00", true, 0)]
    [InlineData("01:00", "05:00", "05:00", false, 72000)]
    [InlineData("22:00", "04:00", "23:30", true, 0)]
    [InlineData("22:00", "04:00", "03:59", true, 0)]
    [InlineData("22:00", "04:00", "12:00", false, 36000)]
    public void Window_contains_and_says_when_it_opens(string start, string end, string now, bool open, int wait)
    {
        var window = MaintenanceWindow.Parse(start, end)!;
        var local = TimeOnly.Parse(now);
        Assert.Equal(open, window.Contains(local));
        Assert.Equal(wait, window.SecondsUntilOpen(local));
    }

    [Theory]
    [InlineData("1:00", "05:00")]
    [InlineData("01:00", null)]
    [InlineData("03:00", "03:00")]
    [InlineData("25:00", "03:00")]
    public void Bad_windows_are_refused(string? start, string? end) => Assert.Throws<FormatException>(() => MaintenanceWindow.Parse(start, end));

    [Fact]
    public async Task Devices_are_offered_the_bundle_only_inside_the_window()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        var s = "w" + m;
        await admin.CreateStoreAsync(s, m);
        var d = await admin.EnrolAsync(s);
        var bundleId = await admin.UploadSignedAsync("6.0.0", RolloutFixtureBase.Content(1000, 7), m);
        var (status, json) = await admin.PostAsync("/fleet/api/rollouts", new
        {
            bundleId, municipalityCode = m, windowStart = "01:00", windowEnd = "05:00",
            groups = new[] { new { percent = 100, successToAdvance = 1.0, failureToPause = 0.5, failureToAbort = 1.0, requiresApproval = false } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, status);
        Assert.Equal("01:00–05:00", json.GetProperty("window").GetString());

        fixture.Clock.MoveToTokyo(new TimeOnly(12, 0));
        var client = fixture.Bridge.Client(d.Certificate);
        var outside = await Wire.GetAsync(client, "/v1/updates?current=1.0.0");
        Assert.Equal("none", outside.Str("action"));
        Assert.Equal("outside-maintenance-window", outside.Str("reason"));
        Assert.Equal(13 * 3600, outside.Json.GetProperty("retryAfterSeconds").GetInt32());

        fixture.Clock.MoveToTokyo(new TimeOnly(2, 30));
        var inside = await Wire.GetAsync(client, "/v1/updates?current=1.0.0");
        Assert.Equal("install", inside.Str("action"));
        Assert.Equal("6.0.0", inside.Str("version"));
    }
}
