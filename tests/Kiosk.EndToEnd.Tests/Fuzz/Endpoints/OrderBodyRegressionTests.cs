using System.Net;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>Found by the kiosk JSON family's long run (input #180023): a null inside an order's member or option list answered 500.</summary>
public sealed class OrderBodyRegressionTests
{
    [Theory]
    [InlineData("""{"product":"juminhyo","members":[null],"copies":1,"year":null}""")]
    [InlineData("""{"product":"juminhyo","options":[null],"members":["m1"],"copies":1,"year":null}""")]
    public async Task A_null_in_an_order_list_is_a_bad_request(string body)
    {
        await using var bridge = await InProcessBridge.StartAsync();
        var client = bridge.Client(Door.Kiosk, bridge.Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, bridge.Pki.Card);
        var r = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), body);
        Wire.AssertProblem(r, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(0, bridge.Logs.ErrorCount);
        // The session is still good for a valid order.
        Assert.Equal(HttpStatusCode.Created, (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Status);
    }
}
