using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;
using Kiosk.Municipality.Rules;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>戸籍全部事項証明書 (everyone in the register) and 戸籍個人事項証明書 (the applicant only).</summary>
public static class KosekiContent
{
    public static CertificateContent Build(ResidentContext ctx, bool whole)
    {
        var reg = ctx.FamilyRegister ?? throw new InvalidOperationException("No family register here; eligibility should have refused.");
        var people = whole
            ? ctx.FamilyRegisterMembers
            : ctx.FamilyRegisterMembers.Where(m => m.ResidentId == ctx.Resident.ResidentId).ToList();
        return new CertificateContent
        {
            Title = ProductCodes.Title(whole ? ProductCodes.KosekiZenbu : ProductCodes.KosekiKojin),
            Municipality = ctx.Municipality,
            Header =
            [
                new Row("本籍", reg.Honseki),
                new Row("氏名", reg.Hittosha),
                new Row("戸籍事項　戸籍編製", JapaneseDates.Format(reg.FormedOn)),
            ],
            Blocks = people.Select(p => new Block(p.Removed ? "戸籍に記録されている者　除籍" : "戸籍に記録されている者", Person(p))).ToList(),
            Attestation = whole
                ? "これは、戸籍に記録されている事項の全部を証明した書面である。"
                : "これは、戸籍中の一部の者について記録されている事項を証明した書面である。",
            Notes = ["以下余白"],
        };
    }

    private static List<Row> Person(FamilyRegisterMemberRecord p)
    {
        var rows = new List<Row>
        {
            new("名", p.FullName),
            new("生年月日", JapaneseDates.Format(p.BirthDate)),
            new("父", p.Father),
            new("母", p.Mother),
            new("続柄", p.Relationship),
        };
        foreach (var e in p.Events.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            rows.Add(new Row("身分事項", e));
        return rows;
    }
}
