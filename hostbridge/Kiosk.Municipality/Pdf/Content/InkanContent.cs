using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>印鑑登録証明書: the registered impression with the registrant's name, birth date and address.</summary>
public static class InkanContent
{
    public static CertificateContent Build(ResidentContext ctx)
    {
        var r = ctx.Resident;
        var seal = ctx.Seal ?? throw new InvalidOperationException("No seal registration; eligibility should have refused.");
        return new CertificateContent
        {
            Title = ProductCodes.Title(ProductCodes.Inkan),
            Municipality = ctx.Municipality,
            Header = [new Row("登録番号", seal.RegistrationNumber)],
            Blocks =
            [
                new Block(null,
                [
                    new Row("氏名", r.FullName),
                    new Row("生年月日", PersonFormat.Date(r, r.BirthDate)),
                    new Row("性別", r.Sex),
                    new Row("住所", ctx.Household.Address),
                    new Row("登録年月日", PersonFormat.Date(r, seal.RegisteredOn)),
                ]),
            ],
            Attestation = "この写しは、登録されている印影と相違ないことを証明する。",
            SealImpression = seal.Impression,
            Notes = ["以下余白"],
        };
    }
}
