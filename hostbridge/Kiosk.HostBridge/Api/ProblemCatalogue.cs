namespace Kiosk.HostBridge.Api;

/// <summary>Every problem code of protocol v1 with its HTTP status, English title and whether the terminal may retry.</summary>
public static class ProblemCatalogue
{
    /// <summary>One catalogue entry.</summary>
    public sealed record Entry(int Status, string Title, bool Retryable);

    /// <summary>The catalogue, by code (docs/kiosk-protocol.md lists the same codes).</summary>
    public static IReadOnlyDictionary<string, Entry> Codes { get; } = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["bad-request"] = new(400, "The request is malformed.", false),
        ["payload-too-large"] = new(413, "The request body is too large.", false),
        ["not-found"] = new(404, "There is no such endpoint.", false),
        ["method-not-allowed"] = new(405, "This endpoint does not take this method.", false),
        ["unsupported-media-type"] = new(415, "The request body must be application/json.", false),
        ["unauthenticated-device"] = new(401, "The terminal is not a known, valid device.", false),
        ["session-not-found"] = new(404, "There is no such session for this terminal.", false),
        ["session-expired"] = new(410, "The session has ended.", false),
        ["session-not-authenticated"] = new(409, "The card has not been authenticated in this session.", false),
        ["challenge-used"] = new(409, "This session's challenge was already used.", false),
        ["signature-invalid"] = new(401, "The card's signature does not match.", false),
        ["certificate-untrusted"] = new(401, "The card's certificate is not from a trusted JPKI authority.", false),
        ["certificate-expired"] = new(401, "The card's certificate has expired.", false),
        ["certificate-revoked"] = new(401, "The card's certificate has been revoked.", false),
        ["crl-unavailable"] = new(503, "Revocation status cannot be checked right now.", true),
        ["resident-not-found"] = new(403, "The municipality does not know this card.", false),
        ["outside-hours"] = new(403, "The service is closed at this hour.", false),
        ["not-offered"] = new(403, "This certificate is not offered here.", false),
        ["moved-out"] = new(403, "The resident has moved out.", false),
        ["protected"] = new(403, "This record cannot be issued at a terminal.", false),
        ["deceased"] = new(403, "This record cannot be issued.", false),
        ["under-age"] = new(403, "The resident is too young for this service.", false),
        ["seal-abolished"] = new(403, "The registered seal has been abolished.", false),
        ["product-unavailable"] = new(403, "This product cannot be ordered now.", false),
        ["idempotency-key-reused"] = new(409, "This idempotency key was used for a different order.", false),
        ["order-not-found"] = new(404, "There is no such order for this terminal.", false),
        ["order-not-cancellable"] = new(409, "Printing has started; the order can no longer be cancelled.", false),
        ["rate-limited"] = new(429, "Too many requests.", true),
        ["printer-unavailable"] = new(503, "The printer is not available.", true),
        ["printer-out-of-paper"] = new(503, "The printer is out of paper.", true),
        ["payment-failed"] = new(502, "The payment could not be started.", true),
        ["issuance-failed"] = new(502, "The municipality could not issue the document.", true),
        ["internal"] = new(500, "Something went wrong on the bridge.", true),
    };

    /// <summary>The entry for a code; unknown codes (a municipality reason we do not know) become 403 product-unavailable-like refusals.</summary>
    public static Entry Get(string code) => Codes.TryGetValue(code, out var e) ? e : new Entry(403, "The request was refused.", false);
}
