using System.Globalization;
using System.Security.Cryptography;
using Kiosk.Municipality.Api;
using Kiosk.Municipality.Cards;
using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Pdf;
using Kiosk.Municipality.Pdf.Content;
using Kiosk.Municipality.Rules;
using Kiosk.Municipality.Store;
using Kiosk.Municipality.Verification;

namespace Kiosk.Municipality.Issuance;

/// <summary>The API's use cases: resolve, offers, quote, issue (idempotent by request id), verify.</summary>
public sealed class IssuanceService(IMunicipalStore store, CardMap cards, VerificationSigner signer, TimeProvider clock,
    ILogger<IssuanceService> log, MunicipalityOptions? options = null)
{
    /// <summary>The resident whose auth certificate this is; never looked up by a My Number.</summary>
    public async Task<Outcome<ResolveResponse>> ResolveAsync(ResolveRequest req, CancellationToken ct)
    {
        if (CardMap.NormalizeSerial(req.CertificateSerial) is not { } serial)
            return ApiProblem.BadRequest("missing-field", "certificateSerial (hexadecimal) is required.", "certificateSerial");
        if (string.IsNullOrWhiteSpace(req.Issuer))
            return ApiProblem.BadRequest("missing-field", "issuer (the certificate's issuer DN) is required.", "issuer");
        var profile = cards.Resolve(serial, req.Issuer);
        var resident = profile is null ? null : await store.GetResidentByProfileAsync(profile, ct);
        if (resident is null)
            return ApiProblem.NotFound("unknown-certificate", "No resident of this service holds a card with this certificate.");
        var muni = await store.GetMunicipalityAsync(resident.MunicipalityCode, ct);
        return new ResolveResponse(resident.MunicipalityCode, muni?.FullName ?? "", resident.ResidentId, serial);
    }

    /// <summary>Every product with availability now (server clock) and, if refused, why.</summary>
    public async Task<Outcome<OffersResponse>> OffersAsync(ResidentRefDto req, CancellationToken ct)
    {
        var loaded = await LoadBoundAsync(req.MunicipalityCode, req.ResidentId, req.CertificateSerial, ct);
        if (loaded.Problem is not null) return loaded.Problem;
        var ctx = loaded.Value!;
        var now = clock.GetUtcNow();
        var offers = ProductCodes.All.Select(code => Offer(ctx, code, now)).ToList();
        return new OffersResponse(ctx.Municipality.Code, ctx.Resident.ResidentId, now, offers);
    }

    private static ProductOfferDto Offer(ResidentContext ctx, string code, DateTimeOffset now)
    {
        var reason = Eligibility.Refusal(ctx, code, now);
        var options = OptionCodes.For(code, ctx.Resident.IsForeign)
            .Select(o => new OptionDto(o, OptionCodes.Label(o), false)).ToList();
        var members = code == ProductCodes.Juminhyo
            ? ctx.HouseholdMembers.Where(m => Eligibility.IsListableMember(ctx.Resident, m))
                .Select(m => new MemberDto(m.ResidentId, m.Relationship, m.ResidentId == ctx.Resident.ResidentId, Mask(m))).ToList()
            : [];
        var years = code == ProductCodes.ShotokuKazei ? ctx.TaxRecords.Select(t => t.FiscalYear).ToList() : [];
        return new ProductOfferDto(code, ProductCodes.Title(code), reason is null, reason,
            reason is null ? null : ReasonCodes.MessageJa(reason), reason is null ? null : ReasonCodes.MessageEn(reason),
            ctx.Fees.GetValueOrDefault(code), OrderValidator.MaxCopies, options, members, years);
    }

    /// <summary>山田　*郎: enough for the resident to recognise a member, little for a bystander.</summary>
    private static string Mask(ResidentRecord m) =>
        m.FamilyName + "\u3000" + new string('*', Math.Max(0, m.GivenName.Length - 1)) + m.GivenName[^1..];

    /// <summary>The price of an order, after the same checks an issuance makes.</summary>
    public async Task<Outcome<QuoteResponse>> QuoteAsync(OrderRequest req, CancellationToken ct)
    {
        var checkedOrder = await CheckOrderAsync(req, requireRequestId: false, ct);
        if (checkedOrder.Problem is not null) return checkedOrder.Problem;
        var ctx = checkedOrder.Value!;
        var fee = ctx.Fees[req.ProductCode!];
        var pages = Render(ctx, req, new DocumentStamp("QUOTE", JapanTime.Today(clock.GetUtcNow()), req.Copies!.Value, "", "quote")).Pages;
        return new QuoteResponse(req.ProductCode!, ProductCodes.Title(req.ProductCode!), fee, req.Copies!.Value, fee * req.Copies.Value, pages);
    }

    /// <summary>Issues a document, or returns the one already issued for this request id.</summary>
    public async Task<Outcome<(IssuedDocumentRecord Doc, bool Replayed)>> IssueAsync(OrderRequest req, CancellationToken ct)
    {
        if (OrderValidator.CheckShape(req, requireRequestId: true) is { } shape) return shape;
        var hash = RequestFingerprint.Of(req);
        // A retry after a lost response must get the same document even if the hours closed meanwhile.
        if (await Replay(req.RequestId!, hash, ct) is { } replay) return replay;

        var checkedOrder = await CheckOrderAsync(req, requireRequestId: true, ct);
        if (checkedOrder.Problem is not null) return checkedOrder.Problem;
        var ctx = checkedOrder.Value!;

        var now = clock.GetUtcNow();
        var documentId = ctx.Municipality.Code + "-" + JapanTime.ToJst(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" +
                         Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var issuedAt = now.ToString("O", CultureInfo.InvariantCulture);
        var copies = req.Copies!.Value;
        var code = signer.Sign(documentId, ctx.Municipality.Code, req.ProductCode!, ctx.Resident.ResidentId, copies, issuedAt);
        var (pdf, pages) = options?.MinimalPdf == true
            ? (MinimalPdf.Render(documentId, ctx.Resident.ResidentId, ctx.Resident.ProfileId, ctx.Resident.FullName, req.ProductCode!, copies), 1)
            : Render(ctx, req, new DocumentStamp(documentId, JapanTime.Today(now), copies, code, VerificationSigner.QrText(documentId, code)));
        var fee = ctx.Fees[req.ProductCode!];
        var doc = new IssuedDocumentRecord
        {
            DocumentId = documentId, RequestId = req.RequestId!, RequestHash = hash,
            MunicipalityCode = ctx.Municipality.Code, ResidentId = ctx.Resident.ResidentId,
            SubjectCertificateSerial = CardMap.NormalizeSerial(req.CertificateSerial)!, ProductCode = req.ProductCode!,
            Copies = copies, Pages = pages, FeeYen = fee, TotalYen = fee * copies, IssuedAt = issuedAt,
            PdfSha256 = Convert.ToHexString(SHA256.HashData(pdf)), VerificationCode = code, Pdf = pdf,
        };
        if (!await store.TryInsertDocumentAsync(doc, ct))
        {
            // Lost a race with a concurrent retry of the same request: answer with the stored one.
            return await Replay(req.RequestId!, hash, ct) ?? throw new InvalidOperationException("Insert conflicted but no document is stored.");
        }
        log.LogInformation("Issued {DocumentId} ({Product}, {Copies} copies, {Pages} pages) for request {RequestId}",
            documentId, req.ProductCode, copies, pages, req.RequestId);
        return (doc, false);
    }

    private async Task<Outcome<(IssuedDocumentRecord, bool)>?> Replay(string requestId, string hash, CancellationToken ct)
    {
        var existing = await store.GetDocumentByRequestIdAsync(requestId, ct);
        if (existing is null) return null;
        if (existing.RequestHash != hash)
            return ApiProblem.Conflict("request-id-reused",
                "This requestId was already used for a different order; use a new requestId for a new order.");
        return (existing, true);
    }

    /// <summary>Checks a document id and code (or QR text); says nothing about who the document is for.</summary>
    public async Task<Outcome<VerifyResponse>> VerifyAsync(VerifyRequest req, CancellationToken ct)
    {
        string? documentId = req.DocumentId, code = req.Code;
        if (!string.IsNullOrWhiteSpace(req.Qr))
        {
            if (!VerificationSigner.TryParseQr(req.Qr, out var d, out var c))
                return ApiProblem.BadRequest("invalid-qr", "qr is not a Kiosk verification QR text (kiosk-verify:v1:<documentId>:<code>).", "qr");
            documentId = d;
            code = c;
        }
        if (string.IsNullOrWhiteSpace(documentId) || string.IsNullOrWhiteSpace(code))
            return ApiProblem.BadRequest("missing-field", "documentId and code (or qr) are required.", "code");
        var doc = await store.GetDocumentAsync(documentId.Trim(), ct);
        if (doc is null) return new VerifyResponse(false, documentId, null, null, null, null, null, null, null);
        var expected = signer.Sign(doc.DocumentId, doc.MunicipalityCode, doc.ProductCode, doc.ResidentId, doc.Copies, doc.IssuedAt);
        if (!VerificationSigner.Matches(expected, code) || !VerificationSigner.Matches(doc.VerificationCode, code))
            return new VerifyResponse(false, documentId, null, null, null, null, null, null, null);
        var muni = await store.GetMunicipalityAsync(doc.MunicipalityCode, ct);
        return new VerifyResponse(true, doc.DocumentId, doc.MunicipalityCode, muni?.FullName, doc.ProductCode,
            ProductCodes.Title(doc.ProductCode), DateTimeOffset.Parse(doc.IssuedAt, CultureInfo.InvariantCulture), doc.Copies, doc.Pages);
    }

    private async Task<Outcome<ResidentContext>> CheckOrderAsync(OrderRequest req, bool requireRequestId, CancellationToken ct)
    {
        if (OrderValidator.CheckShape(req, requireRequestId) is { } shape) return shape;
        var loaded = await LoadBoundAsync(req.MunicipalityCode, req.ResidentId, req.CertificateSerial, ct);
        if (loaded.Problem is not null) return loaded.Problem;
        var ctx = loaded.Value!;
        if (OrderValidator.CheckAgainstResident(req, ctx) is { } bad) return bad;
        if (Eligibility.Refusal(ctx, req.ProductCode!, clock.GetUtcNow()) is { } reason) return ApiProblem.Refused(reason);
        if (req.ProductCode == ProductCodes.ShotokuKazei && ctx.TaxRecords.All(t => t.FiscalYear != req.Year))
            return ApiProblem.Refused(ReasonCodes.ProductUnavailable);
        return ctx;
    }

    /// <summary>Loads the resident and checks the certificate serial is bound to exactly this resident.</summary>
    private async Task<Outcome<ResidentContext>> LoadBoundAsync(string? municipalityCode, string? residentId, string? serial, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(municipalityCode))
            return ApiProblem.BadRequest("missing-field", "municipalityCode is required.", "municipalityCode");
        if (string.IsNullOrWhiteSpace(residentId))
            return ApiProblem.BadRequest("missing-field", "residentId is required.", "residentId");
        if (CardMap.NormalizeSerial(serial) is not { } normalized)
            return ApiProblem.BadRequest("missing-field", "certificateSerial (hexadecimal) is required.", "certificateSerial");
        var ctx = await ResidentContext.LoadAsync(store, municipalityCode, residentId, ct);
        if (ctx is null) return ApiProblem.NotFound("unknown-resident", "No such resident at this municipality.");
        if (ctx.Resident.ProfileId is null || cards.ProfileOf(normalized) != ctx.Resident.ProfileId)
            return new ApiProblem(403, "certificate-mismatch", "The certificate does not belong to this resident.",
                "The authenticating certificate is not bound to this resident; resolve the resident again from the card.");
        return ctx;
    }

    private static (byte[] Pdf, int Pages) Render(ResidentContext ctx, OrderRequest req, DocumentStamp stamp)
    {
        var sel = new OrderSelection(req.Options ?? [], req.MemberIds ?? [], req.Year);
        return CertificateRenderer.Render(CertificateFactory.Content(ctx, req.ProductCode!, sel), stamp);
    }
}
