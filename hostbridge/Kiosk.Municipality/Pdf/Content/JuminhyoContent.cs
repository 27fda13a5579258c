using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Issuance;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>住民票の写し: the chosen household members (the applicant when none chosen), options printed only when asked.</summary>
public static class JuminhyoContent
{
    public static CertificateContent Build(ResidentContext ctx, OrderSelection sel)
    {
        var chosen = sel.MemberIds.Count == 0
            ? [ctx.Resident]
            : ctx.HouseholdMembers.Where(m => sel.MemberIds.Contains(m.ResidentId)).ToList();
        var wholeHousehold = ctx.HouseholdMembers.Where(m => Eligibility.IsListableMember(ctx.Resident, m))
            .All(m => chosen.Any(c => c.ResidentId == m.ResidentId));
        var header = new List<Row> { new("住所", ctx.Household.Address) };
        if (sel.Has(OptionCodes.Setainushi) && ctx.Head is { } head)
            header.Add(new Row("世帯主", head.FullName));
        var blocks = chosen.Select((m, i) => new Block((i + 1) + "", Person(ctx, m, sel))).ToList();
        return new CertificateContent
        {
            Title = ProductCodes.Title(ProductCodes.Juminhyo),
            Municipality = ctx.Municipality,
            Header = header,
            Blocks = blocks,
            Attestation = wholeHousehold && chosen.Count > 1
                ? "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"
                : "この写しは、住民票の原本と相違ないことを証明する。",
            Notes = ["以下余白"],
        };
    }

    private static List<Row> Person(ResidentContext ctx, ResidentRecord m, OrderSelection sel)
    {
        var rows = new List<Row>
        {
            new("氏名", m.FullName),
            new("フリガナ", m.FullKana),
            new("生年月日", PersonFormat.Date(m, m.BirthDate)),
            new("性別", m.Sex),
        };
        if (sel.Has(OptionCodes.Setainushi)) rows.Add(new Row("続柄", m.Relationship));
        rows.Add(new Row("住民となった年月日", PersonFormat.Date(m, m.ResidentSince)));
        if (m.PreviousAddress is { } prev) rows.Add(new Row("前住所", prev));
        if (sel.Has(OptionCodes.Honseki) && !m.IsForeign)
        {
            if (m.FamilyRegisterId is { } id && ctx.MemberRegisters.TryGetValue(id, out var reg))
            {
                rows.Add(new Row("本籍", reg.Honseki));
                rows.Add(new Row("筆頭者", reg.Hittosha));
            }
            else rows.Add(new Row("本籍", "（記載なし）"));
        }
        if (m.IsForeign)
        {
            if (sel.Has(OptionCodes.Nationality)) rows.Add(new Row("国籍・地域", m.Nationality!));
            if (sel.Has(OptionCodes.ResidenceStatus))
            {
                rows.Add(new Row("在留資格等", m.ResidenceStatus ?? ""));
                if (m.ResidencePeriodEnd is { } end) rows.Add(new Row("在留期間等の満了の日", PersonFormat.Date(m, end)));
            }
            if (sel.Has(OptionCodes.ResidenceCard)) rows.Add(new Row("在留カード等の番号", m.ResidenceCardNumber ?? ""));
        }
        if (sel.Has(OptionCodes.MyNumber)) rows.Add(new Row("個人番号", PersonFormat.MyNumber(m.MyNumber)));
        return rows;
    }
}
