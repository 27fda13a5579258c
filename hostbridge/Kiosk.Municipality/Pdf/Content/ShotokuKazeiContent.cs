using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;
using Kiosk.Municipality.Rules;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>所得・課税証明書 for one fiscal year (the income of the previous calendar year).</summary>
public static class ShotokuKazeiContent
{
    public static CertificateContent Build(ResidentContext ctx, TaxRecord tax)
    {
        var r = ctx.Resident;
        var prefTax = ctx.Municipality.Prefecture == "東京都" ? "都民税" : ctx.Municipality.Prefecture.EndsWith('道') ? "道民税" : "府県民税";
        var cityTax = ctx.Municipality.Name.EndsWith('区') ? "特別区民税" : "市町村民税";
        return new CertificateContent
        {
            Title = ProductCodes.Title(ProductCodes.ShotokuKazei),
            Municipality = ctx.Municipality,
            Header =
            [
                new Row("住所", ctx.Household.Address),
                new Row("氏名", r.FullName),
                new Row("生年月日", PersonFormat.Date(r, r.BirthDate)),
            ],
            Blocks =
            [
                new Block(JapaneseDates.FiscalYear(tax.FiscalYear) + "（" + JapaneseDates.FiscalYear(tax.FiscalYear - 1).Replace("年度", "年分") + "所得）",
                [
                    new Row("給与収入金額", PersonFormat.Yen(tax.SalaryIncome)),
                    new Row("合計所得金額", PersonFormat.Yen(tax.TotalIncome)),
                    new Row("所得控除額合計", PersonFormat.Yen(tax.Deductions)),
                    new Row("課税標準額", PersonFormat.Yen(tax.TaxableIncome)),
                    new Row(cityTax + "（所得割・均等割）", PersonFormat.Yen(tax.MunicipalTax)),
                    new Row(prefTax + "（所得割・均等割）", PersonFormat.Yen(tax.PrefecturalTax)),
                    new Row("年税額", PersonFormat.Yen(tax.MunicipalTax + tax.PrefecturalTax)),
                ]),
            ],
            Attestation = "上記のとおり証明する。",
            Notes = ["以下余白"],
        };
    }
}
