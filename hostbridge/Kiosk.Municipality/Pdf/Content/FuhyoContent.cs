using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;
using Kiosk.Municipality.Rules;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>戸籍の附票の写し: the applicant's address history as kept with the family register.</summary>
public static class FuhyoContent
{
    public static CertificateContent Build(ResidentContext ctx)
    {
        var reg = ctx.FamilyRegister ?? throw new InvalidOperationException("No family register here; eligibility should have refused.");
        var r = ctx.Resident;
        var rows = new List<Row> { new("氏名", r.FullName), new("生年月日", JapaneseDates.Format(r.BirthDate)) };
        var history = ctx.AddressHistory.Count > 0
            ? ctx.AddressHistory
            : [new AddressHistoryRecord { Address = ctx.Household.Address, FromDate = r.ResidentSince }];
        foreach (var a in history)
            rows.Add(new Row("住所　" + JapaneseDates.Format(a.FromDate), a.Address));
        return new CertificateContent
        {
            Title = ProductCodes.Title(ProductCodes.KosekiFuhyo),
            Municipality = ctx.Municipality,
            Header = [new Row("本籍", reg.Honseki), new Row("筆頭者", reg.Hittosha)],
            Blocks = [new Block(null, rows)],
            Attestation = "この写しは、戸籍の附票の原本と相違ないことを証明する。",
            Notes = ["以下余白"],
        };
    }
}
