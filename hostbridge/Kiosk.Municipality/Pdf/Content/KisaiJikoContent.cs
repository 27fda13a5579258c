using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>住民票記載事項証明書: the applicant's basic register entries.</summary>
public static class KisaiJikoContent
{
    public static CertificateContent Build(ResidentContext ctx)
    {
        var r = ctx.Resident;
        return new CertificateContent
        {
            Title = ProductCodes.Title(ProductCodes.KisaiJiko),
            Municipality = ctx.Municipality,
            Header = [new Row("住所", ctx.Household.Address)],
            Blocks =
            [
                new Block(null,
                [
                    new Row("氏名", r.FullName),
                    new Row("フリガナ", r.FullKana),
                    new Row("生年月日", PersonFormat.Date(r, r.BirthDate)),
                    new Row("性別", r.Sex),
                    new Row("住民となった年月日", PersonFormat.Date(r, r.ResidentSince)),
                ]),
            ],
            Attestation = "上記の事項は、住民票に記載されていることを証明する。",
            Notes = ["以下余白"],
        };
    }
}
