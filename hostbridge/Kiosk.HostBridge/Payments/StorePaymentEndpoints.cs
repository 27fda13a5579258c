using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.HostBridge.Payments;

/// <summary>The store POS's side of pay-at-register: confirm a code once the money is taken, and look a code up.</summary>
public static class StorePaymentEndpoints
{
    /// <summary>Header carrying the store's API key.</summary>
    public const string ApiKeyHeader = "X-Store-Api-Key";

    /// <summary>Maps <c>POST /v1/store/payments/{code}/confirm</c> and <c>GET /v1/store/payments/{code}</c>.</summary>
    public static IEndpointRouteBuilder MapStorePaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/store/payments");
        group.MapPost("/{code}/confirm", ConfirmAsync);
        group.MapGet("/{code}", GetAsync);
        return app;
    }

    /// <summary>What the POS sends: the amount the register took.</summary>
    public sealed record ConfirmBody(int AmountYen);

    private static async Task<IResult> ConfirmAsync(string code, HttpContext http, IServiceProvider services, CancellationToken ct)
    {
        var auth = Authenticate(http, services, out var provider);
        if (auth is not null)
        {
            return auth;
        }
        var storeId = services.GetRequiredService<StoreApiKeys>().Authenticate(http.Request.Headers[ApiKeyHeader])!;
        var normal = PaymentCodes.Normalise(code);
        var body = await ReadBodyAsync(http, ct);
        if (normal is null || body is null || body.AmountYen <= 0)
        {
            return Problem(400, "bad-request", "A 12-digit code and a positive amountYen are required.");
        }
        var (result, payment) = await provider!.ConfirmAsync(normal, storeId, body.AmountYen, ct);
        if (result == ConfirmResult.Confirmed) services.GetService<IPaymentEvents>()?.Authorised(payment!.OrderId);
        return result switch
        {
            ConfirmResult.Confirmed => Results.Ok(View(payment!)),
            ConfirmResult.NotFound => Problem(404, "payment-code-not-found", "No payment has this code."),
            ConfirmResult.Expired => Problem(410, "payment-code-expired", "This payment code has expired; the resident must start again."),
            ConfirmResult.AmountMismatch => Problem(409, "amount-mismatch", "The amount differs from the fee of this payment."),
            ConfirmResult.OrderEnded => Problem(409, "payment-not-confirmable", "The order of this code has ended; take no money."),
            _ => Problem(409, "payment-not-confirmable", "This payment can no longer be confirmed."),
        };
    }

    // Read here rather than bound by the framework, whose refusal of a broken body is an empty 400 the POS cannot explain.
    private static async Task<ConfirmBody?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            return await System.Text.Json.JsonSerializer.DeserializeAsync<ConfirmBody>(http.Request.Body, BodyJson, ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions BodyJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static async Task<IResult> GetAsync(string code, HttpContext http, IServiceProvider services, CancellationToken ct)
    {
        var auth = Authenticate(http, services, out var provider);
        if (auth is not null)
        {
            return auth;
        }
        var normal = PaymentCodes.Normalise(code);
        var payment = normal is null ? null : await provider!.FindByCodeAsync(normal, ct);
        return payment is null ? Problem(404, "payment-code-not-found", "No payment has this code.") : Results.Ok(View(payment));
    }

    private static IResult? Authenticate(HttpContext http, IServiceProvider services, out PayAtRegisterProvider? provider)
    {
        provider = services.GetService<PayAtRegisterProvider>();
        var keys = services.GetService<StoreApiKeys>();
        if (provider is null || keys is null)
        {
            return Problem(404, "payment-code-not-found", "Pay-at-register is not enabled on this bridge.");
        }
        return keys.Authenticate(http.Request.Headers[ApiKeyHeader]) is null
            ? Problem(401, "unauthenticated-store", "A valid " + ApiKeyHeader + " header is required.")
            : null;
    }

    private static object View(PaymentRecord p) => new
    {
        code = PaymentCodes.Format(p.Code),
        state = p.State,
        amountYen = p.AmountYen,
        expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(p.ExpiresAtMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static IResult Problem(int status, string code, string title) => Results.Json(
        new { type = "https://kiosk.invalid/problems/" + code, title, status, code, retryable = false },
        contentType: "application/problem+json",
        statusCode: status);
}
