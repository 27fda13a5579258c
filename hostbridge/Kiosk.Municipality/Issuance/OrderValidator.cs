using System.Text.RegularExpressions;
using Kiosk.Municipality.Api;
using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Issuance;

/// <summary>Checks an order's shape before anything is looked up or stored; every failure names the field.</summary>
public static partial class OrderValidator
{
    public const int MinCopies = 1;
    public const int MaxCopies = 10;

    [GeneratedRegex("^[A-Za-z0-9._:-]{8,80}$")]
    private static partial Regex RequestIdPattern();

    /// <summary>The first shape problem, or null. Issuance requires a request id; a quote does not.</summary>
    public static ApiProblem? CheckShape(OrderRequest r, bool requireRequestId)
    {
        if (requireRequestId && (r.RequestId is null || !RequestIdPattern().IsMatch(r.RequestId)))
            return ApiProblem.BadRequest("invalid-request-id",
                "requestId is required: 8 to 80 characters of letters, digits, '.', '_', ':' or '-' (a UUID is fine).", "requestId");
        if (string.IsNullOrWhiteSpace(r.MunicipalityCode))
            return ApiProblem.BadRequest("missing-field", "municipalityCode is required.", "municipalityCode");
        if (string.IsNullOrWhiteSpace(r.ResidentId))
            return ApiProblem.BadRequest("missing-field", "residentId is required.", "residentId");
        if (string.IsNullOrWhiteSpace(r.CertificateSerial))
            return ApiProblem.BadRequest("missing-field", "certificateSerial (the authenticating card's auth certificate) is required.", "certificateSerial");
        if (string.IsNullOrWhiteSpace(r.ProductCode))
            return ApiProblem.BadRequest("missing-field", "productCode is required.", "productCode");
        if (!ProductCodes.IsKnown(r.ProductCode))
            return ApiProblem.BadRequest("unknown-product",
                $"productCode '{r.ProductCode}' is not a product of this API; known: {string.Join(", ", ProductCodes.All)}.", "productCode");
        if (r.Copies is null)
            return ApiProblem.BadRequest("missing-field", "copies is required (1 to 10).", "copies");
        if (r.Copies is < MinCopies or > MaxCopies)
            return ApiProblem.BadRequest("invalid-copies", $"copies must be between {MinCopies} and {MaxCopies}; got {r.Copies}.", "copies");
        if (r.ProductCode == ProductCodes.ShotokuKazei && r.Year is null)
            return ApiProblem.BadRequest("year-required", "year (the fiscal year, e.g. 2026) is required for shotoku-kazei.", "year");
        if (r.ProductCode != ProductCodes.ShotokuKazei && r.Year is not null)
            return ApiProblem.BadRequest("year-not-applicable", $"year applies only to shotoku-kazei, not {r.ProductCode}.", "year");
        if (r.Year is < 2000 or > 2100)
            return ApiProblem.BadRequest("invalid-year", $"year {r.Year} is out of range.", "year");
        if (r.ProductCode != ProductCodes.Juminhyo && r.MemberIds is { Count: > 0 })
            return ApiProblem.BadRequest("members-not-applicable", "memberIds apply only to juminhyo.", "memberIds");
        if (r.Options is { } opts && opts.Distinct().Count() != opts.Count)
            return ApiProblem.BadRequest("duplicate-option", "an option is listed twice.", "options");
        if (r.MemberIds is { } ids && ids.Distinct().Count() != ids.Count)
            return ApiProblem.BadRequest("duplicate-member", "a member is listed twice.", "memberIds");
        return null;
    }

    /// <summary>Checks options and members against this resident (after the resident is known).</summary>
    public static ApiProblem? CheckAgainstResident(OrderRequest r, ResidentContext ctx)
    {
        var allowed = OptionCodes.For(r.ProductCode!, ctx.Resident.IsForeign);
        foreach (var o in r.Options ?? [])
            if (!allowed.Contains(o))
                return ApiProblem.BadRequest("unknown-option",
                    allowed.Count == 0
                        ? $"{r.ProductCode} has no options; got '{o}'."
                        : $"option '{o}' is not available here; allowed: {string.Join(", ", allowed)}.", "options");
        foreach (var m in r.MemberIds ?? [])
        {
            var member = ctx.HouseholdMembers.FirstOrDefault(x => x.ResidentId == m);
            if (member is null || !Eligibility.IsListableMember(ctx.Resident, member))
                return ApiProblem.BadRequest("unknown-member", $"memberId '{m}' is not a member of the applicant's household that can be listed.", "memberIds");
        }
        return null;
    }
}
