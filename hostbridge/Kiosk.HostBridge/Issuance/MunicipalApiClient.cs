using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kiosk.HostBridge.Issuance;

/// <summary>
/// <see cref="IIssuanceBackend"/> over the open municipal API. Every attempt has a timeout; transient failures
/// (timeout, connection error, 5xx, 408, 429) are retried with back-off only because every call is idempotent
/// (reads, and issuance keyed by its request id); refusals and other 4xx are never retried; a circuit breaker
/// fails fast while the service is down so an order is aborted whole instead of hanging.
/// </summary>
public sealed class MunicipalApiClient : IIssuanceBackend
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly MunicipalApiOptions _options;
    private readonly TimeProvider _clock;
    private readonly CircuitBreaker _breaker;

    /// <summary>Creates the client; the HttpClient's own timeout is disabled in favour of per-attempt timeouts.</summary>
    public MunicipalApiClient(HttpClient http, MunicipalApiOptions options, TimeProvider? clock = null)
    {
        _http = http;
        _http.BaseAddress ??= options.BaseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakerOpenDuration, _clock);
    }

    /// <summary>The circuit breaker's state (Closed, Open, HalfOpen), for health reporting.</summary>
    public string CircuitState => _breaker.State;

    /// <inheritdoc />
    public async Task<ResidentRef?> ResolveResidentAsync(string certificateSerialHex, string issuerDn, CancellationToken ct)
    {
        var (status, body) = await SendAsync("v1/residents/resolve", new { certificateSerial = certificateSerialHex, issuer = issuerDn },
            _options.ReadTimeout, ct);
        if (status == HttpStatusCode.NotFound) return null;
        var r = Read<WireResolved>(status, body);
        return new ResidentRef(r.MunicipalityCode, r.ResidentId, r.CertificateSerial);
    }

    /// <inheritdoc />
    /// <remarks>The municipality decides availability by its own clock; <paramref name="now"/> is not sent.</remarks>
    public async Task<IReadOnlyList<ProductOffer>> ListProductsAsync(ResidentRef resident, DateTimeOffset now, CancellationToken ct)
    {
        var (status, body) = await SendAsync("v1/offers", RefBody(resident), _options.ReadTimeout, ct);
        var offers = Read<WireOffers>(status, body);
        return offers.Products.Select(p => new ProductOffer(p.Code, p.Available, p.ReasonCode, p.FeeYen, p.MaxCopies,
            p.Options.Select(o => new ProductOption(o.Code, o.Default)).ToList(),
            p.Members.Select(m => new HouseholdMember(m.MemberId, m.Relationship, m.IsApplicant)).ToList(), p.Years?.ToList() ?? [])).ToList();
    }

    /// <summary>Prices an order after the same checks an issuance makes (throws <see cref="IssuanceRefusedException"/> when refused).</summary>
    public async Task<MunicipalQuote> QuoteAsync(IssueRequest request, CancellationToken ct)
    {
        var (status, body) = await SendAsync("v1/quotes", OrderBody(request), _options.ReadTimeout, ct);
        return Read<MunicipalQuote>(status, body);
    }

    /// <inheritdoc />
    public async Task<IssuedDocument> IssueAsync(IssueRequest request, CancellationToken ct)
    {
        var (status, body) = await SendAsync("v1/issuances", OrderBody(request), _options.IssueTimeout, ct);
        var issued = Read<WireIssued>(status, body);
        var pdf = Convert.FromBase64String(issued.PdfBase64);
        if (!string.Equals(Convert.ToHexString(SHA256.HashData(pdf)), issued.PdfSha256, StringComparison.OrdinalIgnoreCase))
            throw new MunicipalApiException((int)status, "pdf-digest-mismatch", "The issued PDF does not match its digest; discard it.");
        return new IssuedDocument(issued.DocumentId, issued.SubjectCertificateSerial, pdf, issued.Pages);
    }

    /// <summary>Checks a printed document's id and verification code (or the QR text as <paramref name="qr"/>).</summary>
    public async Task<DocumentVerification> VerifyAsync(string? documentId, string? code, string? qr, CancellationToken ct)
    {
        var (status, body) = await SendAsync("v1/documents/verify", new { documentId, code, qr }, _options.ReadTimeout, ct);
        return Read<DocumentVerification>(status, body);
    }

    private static object RefBody(ResidentRef r) =>
        new { municipalityCode = r.MunicipalityCode, residentId = r.ResidentId, certificateSerial = r.CertificateSerialHex };

    private static object OrderBody(IssueRequest r) => new
    {
        requestId = r.RequestId,
        municipalityCode = r.Resident.MunicipalityCode,
        residentId = r.Resident.ResidentId,
        certificateSerial = r.Resident.CertificateSerialHex,
        productCode = r.ProductCode,
        options = r.Options,
        memberIds = r.MemberIds,
        copies = r.Copies,
        year = r.Year,
    };

    /// <summary>Sends with per-attempt timeout, retries transient failures, and feeds the circuit breaker.</summary>
    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(string path, object payload, TimeSpan timeout, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 0; attempt <= _options.MaxRetries; attempt++)
        {
            if (attempt > 0) await Task.Delay(_options.RetryBackoff * Math.Pow(2, attempt - 1), _clock, ct);
            if (!_breaker.TryAcquire())
                throw new MunicipalServiceUnavailableException(
                    "The municipal service is failing; calls are suspended for a while (circuit open).", last);
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(timeout);
            try
            {
                using var resp = await _http.PostAsJsonAsync(path, payload, Json, attemptCts.Token);
                var body = await resp.Content.ReadAsByteArrayAsync(attemptCts.Token);
                if (IsTransient(resp.StatusCode))
                {
                    _breaker.RecordFailure();
                    last = new HttpRequestException($"municipal API answered {(int)resp.StatusCode}", null, resp.StatusCode);
                    continue;
                }
                _breaker.RecordSuccess();
                return (resp.StatusCode, body);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                _breaker.RecordFailure();
                last = new TimeoutException($"municipal API did not answer {path} within {timeout.TotalMilliseconds:0} ms", e);
            }
            catch (HttpRequestException e)
            {
                _breaker.RecordFailure();
                last = e;
            }
        }
        throw new MunicipalServiceUnavailableException(
            $"The municipal service did not answer {path} after {_options.MaxRetries + 1} attempts: {last?.Message}", last);
    }

    private static bool IsTransient(HttpStatusCode s) =>
        (int)s >= 500 || s is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static T Read<T>(HttpStatusCode status, byte[] body)
    {
        if ((int)status is >= 200 and < 300)
            return JsonSerializer.Deserialize<T>(body, Json)
                   ?? throw new MunicipalApiException((int)status, "empty-body", "The municipal API returned an empty body.");
        WireProblem? problem = null;
        try { problem = JsonSerializer.Deserialize<WireProblem>(body, Json); }
        catch (JsonException) { }
        if (problem?.ReasonCode is { } reason)
            throw new IssuanceRefusedException(reason, problem.Message ?? problem.Detail ?? reason);
        throw new MunicipalApiException((int)status, problem?.Code ?? "http-" + (int)status,
            problem?.Detail ?? problem?.Title ?? $"The municipal API answered {(int)status}.");
    }
}
