using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Sessions;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Api;

/// <summary>Protocol v1 routes (docs/kiosk-protocol.md); each handler reads strictly, delegates to a service and answers small JSON.</summary>
public static class KioskApi
{
    /// <summary>Maps /v1 behind the device filter.</summary>
    public static RouteGroupBuilder MapKioskApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter(DeviceContext.RequireDevice);
        v1.MapPost("/sessions", OpenSession);
        v1.MapPost("/sessions/{sid}/authenticate", Authenticate);
        v1.MapGet("/sessions/{sid}/products", Products);
        v1.MapPost("/sessions/{sid}/orders", PlaceOrder);
        v1.MapDelete("/sessions/{sid}", CloseSession);
        v1.MapGet("/orders/{oid}", GetOrder);
        v1.MapPost("/orders/{oid}/cancel", CancelOrder);
        v1.MapPost("/heartbeat", Heartbeat);
        return v1;
    }

    private static long MaxBody(HttpContext c) => c.RequestServices.GetRequiredService<IOptions<BridgeOptions>>().Value.MaxRequestBodyBytes;

    private static async Task<IResult> OpenSession(HttpContext http, SessionService sessions)
    {
        await StrictJson.ReadAsync<OpenSessionRequest>(http, MaxBody(http), emptyMeansEmptyObject: true);
        var opened = await sessions.OpenAsync(http.Device(), http.RequestAborted);
        return StrictJson.Json(opened, StatusCodes.Status201Created);
    }

    private static async Task<IResult> Authenticate(HttpContext http, string sid, SessionService sessions)
    {
        Ids.RequireId(sid, "session-not-found");
        var request = await StrictJson.ReadAsync<AuthenticateRequest>(http, MaxBody(http));
        return StrictJson.Json(await sessions.AuthenticateAsync(http.Device(), sid, request, http.RequestAborted));
    }

    private static async Task<IResult> Products(HttpContext http, string sid, SessionService sessions)
    {
        Ids.RequireId(sid, "session-not-found");
        var (_, offers) = await sessions.OffersAsync(http.Device(), sid, http.RequestAborted);
        return StrictJson.Json(new ProductsResponse(offers.Select(o => new ProductDto(o.Code, o.Available, o.ReasonCode, o.FeeYen, o.MaxCopies,
            o.Options.Select(x => new OptionDto(x.Code, x.Default)).ToList(),
            o.Members.Select(m => new MemberDto(m.MemberId, m.Relationship, m.IsApplicant)).ToList(), o.OfferedYears)).ToList()));
    }

    private static async Task<IResult> PlaceOrder(HttpContext http, string sid, OrderService orders)
    {
        Ids.RequireId(sid, "session-not-found");
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (!Guid.TryParse(key, out var parsedKey)) throw new KioskProblemException("bad-request", "Idempotency-Key must be a UUID.");
        var request = await StrictJson.ReadAsync<PlaceOrderRequest>(http, MaxBody(http));
        // The reader's nullability check covers the arrays, not their elements: [null] arrives here (a 500 before the fuzzers found it).
        if (request.Product.Length is 0 or > 64 || request.Options.Length > 16 || request.Members.Length > 32
            || request.Options.Concat(request.Members).Any(s => s is null || s.Length is 0 or > 64))
            throw new KioskProblemException("bad-request", "Field out of range.");
        var (order, created) = await orders.PlaceAsync(http.Device(), sid, parsedKey.ToString("D"), request, http.RequestAborted);
        return StrictJson.Json(new PlaceOrderResponse(order.OrderId, OrderStates.OnWire(order.State), (int)order.FeeYen, order.PaymentCode),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CloseSession(HttpContext http, string sid, SessionService sessions)
    {
        Ids.RequireId(sid, "session-not-found");
        await sessions.CloseAsync(http.Device(), sid, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> GetOrder(HttpContext http, string oid, OrderService orders)
    {
        Ids.RequireId(oid, "order-not-found");
        var order = OrderWait.TryRead(http.Request.Query, out var wait, out var known)
            ? await orders.WaitAsync(http.Device(), oid, known!, wait, http.RequestAborted)
            : await orders.GetAsync(http.Device(), oid, http.RequestAborted);
        return StrictJson.Json(new OrderStatusResponse(order.OrderId, OrderStates.OnWire(order.State), order.PaymentCode, order.Reason));
    }

    private static async Task<IResult> CancelOrder(HttpContext http, string oid, OrderService orders)
    {
        Ids.RequireId(oid, "order-not-found");
        await StrictJson.ReadAsync<OpenSessionRequest>(http, MaxBody(http), emptyMeansEmptyObject: true);
        var order = await orders.CancelAsync(http.Device(), oid, http.RequestAborted);
        return StrictJson.Json(new CancelOrderResponse(order.OrderId, order.State));
    }

    private static async Task<IResult> Heartbeat(HttpContext http, HeartbeatStore heartbeats, TimeProvider clock)
    {
        var request = await StrictJson.ReadAsync<HeartbeatRequest>(http, MaxBody(http));
        await heartbeats.RecordAsync(http.Device(), request, http.RequestAborted);
        return StrictJson.Json(new HeartbeatResponse(DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds())));
    }
}
