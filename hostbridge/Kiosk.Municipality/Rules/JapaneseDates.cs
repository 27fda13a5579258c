using System.Globalization;

namespace Kiosk.Municipality.Rules;

/// <summary>Formats dates in the Japanese era calendar as municipal certificates print them (令和8年11月22日).</summary>
public static class JapaneseDates
{
    private static readonly (DateOnly Start, string Name)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "令和"),
        (new DateOnly(1989, 1, 8), "平成"),
        (new DateOnly(1926, 12, 25), "昭和"),
        (new DateOnly(1912, 7, 30), "大正"),
    ];

    /// <summary>The era date, with 元年 for the first year.</summary>
    public static string Format(DateOnly day)
    {
        foreach (var (start, name) in Eras)
        {
            if (day < start) continue;
            var year = day.Year - start.Year + 1;
            var y = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
            return name + y + "年" + day.Month.ToString(CultureInfo.InvariantCulture) + "月" +
                   day.Day.ToString(CultureInfo.InvariantCulture) + "日";
        }
        return day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses yyyy-MM-dd and formats it in the era calendar.</summary>
    public static string Format(string isoDate) =>
        Format(DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The era name of a fiscal year (令和7年度).</summary>
    public static string FiscalYear(int year) =>
        Format(new DateOnly(year, 4, 1)).Split('年')[0] + "年度";

    /// <summary>Western date for foreign residents' documents (2026年11月22日).</summary>
    public static string Western(string isoDate)
    {
        var d = DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
    }
}
