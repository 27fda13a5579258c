using System.Globalization;
using System.Text;

namespace Kiosk.Benchmarks.Floor;

/// <summary>The benchmark's markdown: per layer the lowest CPU ms per issuance of its rounds, the ceiling it sets on 2 cores and its
/// ratio to the 4 ms budget that 500 issuances/s on 2 cores leaves, then each layer's parts.</summary>
internal static class FloorTable
{
    /// <summary>CPU ms per second on the 2-core machine.</summary>
    public const double TwoCoresMsPerSecond = 2000;

    /// <summary>CPU ms one issuance may cost for 500/s on 2 cores.</summary>
    public const double BudgetMs = TwoCoresMsPerSecond / 500;

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Formats the results.</summary>
    public static string Render(IReadOnlyList<LayerResult> layers, FloorOptions o, string machine)
    {
        var sb = new StringBuilder();
        sb.Append("Floor benchmark (").Append(o.Quick ? "--quick, " : "").Append(o.Terminals).Append(" terminals or drivers, warm-up ")
            .Append(o.WarmUp).Append(" issuances, ").Append(o.Measured).Append(" measured per round (").Append(o.Measured * 4).Append(" for the rig alone), ").Append(o.Rounds)
            .Append(o.Rounds == 1 ? " round" : " rounds").Append("; ").Append(machine).AppendLine(").");
        sb.AppendLine();
        sb.AppendLine("| Layer | What counts | CPU ms / issuance | Ceiling on 2 cores (2000 / ms) | × the 4 ms budget of 500/s | Rounds (ms / issuance) |");
        sb.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var l in layers)
        {
            if (l.Lowest is not { } low)
            {
                sb.Append("| ").Append(l.Name).Append(" | ").Append(l.Counts).Append(" | — | — | — | ").Append(l.Failure ?? "not measured").AppendLine(" |");
                continue;
            }
            sb.Append("| ").Append(l.Name).Append(" | ").Append(l.Counts).Append(" | **").Append(F(low.MsPerIssuance)).Append("** | ")
                .Append(F(TwoCoresMsPerSecond / low.MsPerIssuance, "0")).Append("/s | ").Append(F(low.MsPerIssuance / BudgetMs, "0.0")).Append("× | ")
                .Append(string.Join(", ", l.Rounds.Select(r => F(r.MsPerIssuance) + " (" + r.Issuances + " in " + F(r.Wall.TotalSeconds, "0") + " s)")))
                .AppendLine(" |");
        }
        sb.AppendLine();
        sb.AppendLine("Parts of each layer's lowest round (CPU ms per issuance):");
        sb.AppendLine();
        sb.AppendLine("| Layer | Parts |");
        sb.AppendLine("|---|---|");
        foreach (var l in layers)
        {
            if (l.Lowest is not { } low) continue;
            sb.Append("| ").Append(l.Name).Append(" | ").Append(string.Join("; ", low.Parts.Select(p => p.Part + " " + F(p.MsPerIssuance))));
            if (low.Note != null) sb.Append(" (").Append(low.Note).Append(')');
            sb.AppendLine(" |");
        }
        return sb.ToString();
    }
}
