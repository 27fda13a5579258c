using System.Net;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Fleet.Rollouts;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>A device that stops heart-beating for longer than <c>Fleet:SilentAfter</c> (3 min) is alerted as silent until it beats again.</summary>
public sealed class SilentAlertTests(SqliteRolloutFixture fixture) : IClassFixture<SqliteRolloutFixture>
{
    private static readonly string Beat = JsonSerializer.Serialize(new
    {
        firmwareVersion = "1.17.0", appVersion = "2.3.1", freeHeap = 90000, largestFreeBlock = 60000, readerState = "ok", printerState = "ok",
        uptimeSeconds = 60, state = "idle",
    });

    private async Task<List<string>> AlertsOfAsync(FleetFixtureClient admin, string deviceId)
    {
        var alerts = await admin.GetAsync("/fleet/api/alerts");
        return alerts.EnumerateArray().Where(a => a.GetProperty("deviceId").GetString() == deviceId)
            .SelectMany(a => a.GetProperty("alerts").EnumerateArray().Select(x => x.GetString()!)).ToList();
    }

    [Fact]
    public async Task Silent_device_is_alerted_after_the_threshold_and_cleared_by_its_next_heartbeat()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        await admin.CreateStoreAsync("quiet-" + m, m);
        var (deviceId, certificate) = await admin.EnrolAsync("quiet-" + m);
        Assert.Equal(HttpStatusCode.OK, (await Wire.PostAsync(fixture.Bridge.Client(certificate), "/v1/heartbeat", Beat)).Status);
        Assert.Empty(await AlertsOfAsync(admin, deviceId));

        fixture.Clock.Offset += TimeSpan.FromMinutes(2);
        Assert.DoesNotContain("silent", await AlertsOfAsync(admin, deviceId));
        fixture.Clock.Offset += TimeSpan.FromMinutes(2);
        Assert.Equal(["silent"], await AlertsOfAsync(admin, deviceId));
        var devices = await admin.GetAsync("/fleet/api/devices");
        Assert.Contains("silent", devices.EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == deviceId).GetProperty("alerts")
            .EnumerateArray().Select(a => a.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await Wire.PostAsync(fixture.Bridge.Client(certificate), "/v1/heartbeat", Beat)).Status);
        Assert.Empty(await AlertsOfAsync(admin, deviceId));
    }
}
