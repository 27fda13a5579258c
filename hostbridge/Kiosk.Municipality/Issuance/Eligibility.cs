using System.Globalization;
using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Rules;

namespace Kiosk.Municipality.Issuance;

/// <summary>Decides whether a resident may get a product now, and if not, why (the first applicable reason wins).</summary>
public static class Eligibility
{
    public const int MinimumAge = 15;

    /// <summary>The refusal reason for this product now, or null when it may be issued.</summary>
    public static string? Refusal(ResidentContext ctx, string productCode, DateTimeOffset now)
    {
        if (!ctx.Fees.ContainsKey(productCode)) return ReasonCodes.NotOffered;
        var r = ctx.Resident;
        if (r.Status == ResidentStatus.Deceased) return ReasonCodes.Deceased;
        if (r.Status == ResidentStatus.MovedOut) return ReasonCodes.MovedOut;
        if (r.Protected) return ReasonCodes.Protected;
        if (r.AgeOn(JapanTime.Today(now)) < MinimumAge) return ReasonCodes.UnderAge;
        if (!ServiceHours.IsOpen(now)) return ReasonCodes.OutsideHours;
        if (ProductCodes.IsKosekiOfficeHoursOnly(productCode) &&
            !ServiceHours.IsKosekiOpen(now, ParseTime(ctx.Municipality.OfficeOpen), ParseTime(ctx.Municipality.OfficeClose)))
            return ReasonCodes.OutsideHours;
        switch (productCode)
        {
            case ProductCodes.Inkan:
                if (ctx.Seal is null) return ReasonCodes.ProductUnavailable;
                if (!ctx.Seal.IsActive) return ReasonCodes.SealAbolished;
                break;
            case ProductCodes.ShotokuKazei:
                if (ctx.TaxRecords.Count == 0) return ReasonCodes.ProductUnavailable;
                break;
            case ProductCodes.KosekiZenbu or ProductCodes.KosekiKojin or ProductCodes.KosekiFuhyo:
                if (ctx.FamilyRegister is null) return ReasonCodes.ProductUnavailable;
                break;
        }
        return null;
    }

    /// <summary>A household member who may be put on a 住民票の写し: same household, not moved out or deceased, not protected.</summary>
    public static bool IsListableMember(ResidentRecord applicant, ResidentRecord member) =>
        member.ResidentId == applicant.ResidentId ||
        (member.Status == ResidentStatus.Active && !member.Protected);

    private static TimeOnly ParseTime(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);
}
