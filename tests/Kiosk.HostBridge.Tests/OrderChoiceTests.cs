using System.Net;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>The municipality's order choices on the wire: products name their fiscal years; members and year must come from the
/// offer, and reach the municipality with the order.</summary>
public sealed class OrderChoiceTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private BridgeInstance Bridge => fixture.Bridge;
    private TestPki Pki => fixture.Pki;

    [Fact]
    public async Task Products_list_the_years_the_municipality_offers()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var products = (await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products")).Json.GetProperty("products");
        var tax = products.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "shotoku-kazei");
        Assert.Equal([2026, 2025], tax.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        var juminhyo = products.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "juminhyo");
        Assert.Equal(0, juminhyo.GetProperty("years").GetArrayLength());
        Assert.Equal(2, juminhyo.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_tax_certificate_needs_one_of_the_offered_years_and_the_year_reaches_the_municipality()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(),
            """{"product":"shotoku-kazei","options":[],"members":[],"copies":1}"""), HttpStatusCode.BadRequest, "bad-request");
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(),
            """{"product":"shotoku-kazei","options":[],"members":[],"copies":1,"year":2024}"""), HttpStatusCode.BadRequest, "bad-request");
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(),
            """{"product":"juminhyo","options":[],"members":[],"copies":1,"year":2025}"""), HttpStatusCode.BadRequest, "bad-request");

        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"shotoku-kazei","options":[],"members":[],"copies":1,"year":2025}""");
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var orderId = placed.Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, orderId)).Str("state"));
        var issued = Assert.Single(Bridge.Issuance.Issued, i => i.RequestId == orderId);
        Assert.Equal(2025, issued.Year);
    }

    [Fact]
    public async Task The_whole_household_reaches_the_municipality()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"juminhyo","options":[],"members":["m1","m2"],"copies":1}""");
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var orderId = placed.Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, orderId)).Str("state"));
        Assert.Equal(["m1", "m2"], Assert.Single(Bridge.Issuance.Issued, i => i.RequestId == orderId).MemberIds);
    }
}
