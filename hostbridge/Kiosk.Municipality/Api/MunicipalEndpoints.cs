using Kiosk.Municipality.Issuance;

namespace Kiosk.Municipality.Api;

/// <summary>The open municipal issuance API (docs/municipal-api.md, docs/municipal-api.openapi.yaml).</summary>
public static class MunicipalEndpoints
{
    public static void MapMunicipalApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/residents/resolve", (HttpRequest r, IssuanceService s, CancellationToken ct) =>
            Handle<ResolveRequest, ResolveResponse>(r, ct, s.ResolveAsync));
        v1.MapPost("/offers", (HttpRequest r, IssuanceService s, CancellationToken ct) =>
            Handle<ResidentRefDto, OffersResponse>(r, ct, s.OffersAsync));
        v1.MapPost("/quotes", (HttpRequest r, IssuanceService s, CancellationToken ct) =>
            Handle<OrderRequest, QuoteResponse>(r, ct, s.QuoteAsync));
        v1.MapPost("/documents/verify", (HttpRequest r, IssuanceService s, CancellationToken ct) =>
            Handle<VerifyRequest, VerifyResponse>(r, ct, s.VerifyAsync));
        v1.MapPost("/issuances", async (HttpRequest r, IssuanceService s, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<OrderRequest>(r, ct);
            if (body.Problem is not null) return body.Problem.ToResult();
            var outcome = await s.IssueAsync(body.Value!, ct);
            if (outcome.Problem is not null) return outcome.Problem.ToResult();
            var (doc, replayed) = outcome.Value;
            var response = new IssueResponse(doc.DocumentId, doc.RequestId, doc.SubjectCertificateSerial, doc.ProductCode,
                doc.Copies, doc.Pages, doc.FeeYen, doc.TotalYen, DateTimeOffset.Parse(doc.IssuedAt, System.Globalization.CultureInfo.InvariantCulture),
                doc.VerificationCode, doc.PdfSha256, Convert.ToBase64String(doc.Pdf));
            return replayed ? Results.Ok(response) : Results.Created("/v1/issuances/" + doc.RequestId, response);
        });
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
    }

    private static async Task<IResult> Handle<TReq, TRes>(HttpRequest r, CancellationToken ct,
        Func<TReq, CancellationToken, Task<Outcome<TRes>>> use) where TReq : class
    {
        var body = await JsonBody.ReadAsync<TReq>(r, ct);
        if (body.Problem is not null) return body.Problem.ToResult();
        var outcome = await use(body.Value!, ct);
        return outcome.Problem is not null ? outcome.Problem.ToResult() : Results.Ok(outcome.Value);
    }
}
