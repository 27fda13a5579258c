using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Privacy;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>
/// Found by the fleet fuzzers: an admin action on an unknown device id stored the id as typed in the fleet audit (and showed it on the console),
/// so a My Number typed into the id field was stored, and a 5,000-character id made a 5,000-character audit row.
/// </summary>
public sealed class AuditCallerTextRegressionTests
{
    [Fact]
    public async Task An_unknown_target_is_audited_bounded_and_never_as_a_My_Number()
    {
        await using var bridge = await InProcessBridge.StartAsync();
        var login = await bridge.Client(Door.Fleet).PostAsJsonAsync("/fleet/api/login", new { username = InProcessBridge.RootUser, password = InProcessBridge.RootPassword });
        var admin = bridge.Client(Door.Fleet);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var myNumber = HttpMutator.PlantedMyNumbers[2];
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/fleet/api/devices/" + myNumber + "/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/fleet/api/devices/" + new string('p', 5000) + "/revoke", null)).StatusCode);

        var audit = await admin.GetStringAsync("/fleet/api/audit");
        Assert.DoesNotContain(myNumber, audit, StringComparison.Ordinal);
        Assert.Contains("[12-digit number withheld]", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('p', CallerText.MaxLength + 1), audit, StringComparison.Ordinal);
        Assert.True((await bridge.Get<FleetAudit>().VerifyAsync(CancellationToken.None)).Intact);
    }

    [Theory]
    [InlineData("term-a", "term-a")]
    [InlineData("123456789012", "123456789012")]
    [InlineData("a123456789018b", "a[12-digit number withheld]b")]
    [InlineData("1234567890180", "1234567890180")]
    public void Only_check_digit_valid_12_digit_runs_are_withheld(string text, string kept)
    {
        // 123456789018 has the valid check digit (8); 123456789012 does not; a 13-digit run is not a My Number.
        Assert.True(CallerText.IsMyNumberShaped("123456789018"));
        Assert.Equal(kept, CallerText.Safe(text));
    }
}
