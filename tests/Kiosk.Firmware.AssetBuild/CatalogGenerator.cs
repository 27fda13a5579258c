using System.Text;

namespace Kiosk.Firmware.AssetBuild;

/// <summary>Emits Catalog.g.cs: message id constants and the text table (no generics, plain arrays).</summary>
public static class CatalogGenerator
{
    public static string Generate(CatalogModel m)
    {
        var sb = new StringBuilder(CSharpWriter.Header);
        sb.Append("namespace Kiosk.Firmware.Core.Ui.Messages\n{\n");
        sb.Append("    /// <summary>Message ids of the catalogue (generated).</summary>\n    public static class MessageId\n    {\n");
        for (var i = 0; i < m.Ids.Length; i++)
            sb.Append("        /// <summary>").Append(m.Ids[i]).Append("</summary>\n        public const int ").Append(CatalogModel.Identifier(m.Ids[i])).Append(" = ").Append(i).Append(";\n");
        sb.Append("        /// <summary>How many messages the catalogue holds.</summary>\n        public const int Count = ").Append(m.Ids.Length).Append(";\n    }\n\n");
        sb.Append("    internal static class CatalogData\n    {\n");
        sb.Append("        internal static readonly string[] LanguageTags = new string[] { ");
        sb.Append(string.Join(", ", m.Languages.Select(CSharpWriter.Str))).Append(" };\n");
        sb.Append("        internal static readonly bool[] Shaped = new bool[] { ");
        sb.Append(string.Join(", ", m.Languages.Select((_, l) => m.IsShaped(l) ? "true" : "false"))).Append(" };\n");
        sb.Append("        internal static readonly string[] Keys = new string[]\n        {\n");
        foreach (var id in m.Ids) sb.Append("            ").Append(CSharpWriter.Str(id)).Append(",\n");
        sb.Append("        };\n");
        CSharpWriter.Numbers(sb, "short", "SlotOfMessage", m.SlotOfMessage);
        sb.Append("        // Texts[slot * LanguageCount + language]\n");
        sb.Append("        internal static readonly string[] Texts = new string[]\n        {\n");
        foreach (var slot in m.Slots)
            foreach (var t in slot) sb.Append("            ").Append(CSharpWriter.Str(t)).Append(",\n");
        sb.Append("        };\n    }\n}\n");
        return sb.ToString();
    }
}
