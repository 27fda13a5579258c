using System.Text;
using System.Text.Json;

namespace Kiosk.Firmware.AssetBuild;

/// <summary>The parsed catalogue: languages, messages in file order, and the distinct texts aliases share.</summary>
public sealed class CatalogModel
{
    public required string[] Languages { get; init; }
    public required string[] Shaped { get; init; }
    /// <summary>Message ids in file order.</summary>
    public required string[] Ids { get; init; }
    /// <summary>For each message, the index of its text slot (aliases point at their target's slot).</summary>
    public required int[] SlotOfMessage { get; init; }
    /// <summary>Text slots: [slot][language] in NFC.</summary>
    public required string[][] Slots { get; init; }

    public static CatalogModel Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var langs = root.GetProperty("languages").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var shaped = root.GetProperty("shaped").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var ids = new List<string>();
        var raw = new List<JsonElement>();
        foreach (var p in root.GetProperty("messages").EnumerateObject()) { ids.Add(p.Name); raw.Add(p.Value.Clone()); }
        var slots = new List<string[]>();
        var slotOf = new int[ids.Count];
        var slotOfId = new Dictionary<string, int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (raw[i].ValueKind != JsonValueKind.Object) continue;
            var texts = new string[langs.Length];
            for (var l = 0; l < langs.Length; l++)
            {
                if (!raw[i].TryGetProperty(langs[l], out var t) || string.IsNullOrWhiteSpace(t.GetString()))
                    throw new InvalidDataException("message '" + ids[i] + "' lacks language '" + langs[l] + "'");
                texts[l] = t.GetString()!.Normalize(NormalizationForm.FormC);
            }
            slotOf[i] = slots.Count;
            slotOfId[ids[i]] = slots.Count;
            slots.Add(texts);
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (raw[i].ValueKind == JsonValueKind.Object) continue;
            var target = raw[i].GetString() ?? "";
            if (!target.StartsWith('@') || !slotOfId.TryGetValue(target[1..], out var s))
                throw new InvalidDataException("message '" + ids[i] + "' is neither texts nor a valid @alias");
            slotOf[i] = s;
        }
        return new CatalogModel { Languages = langs, Shaped = shaped, Ids = ids.ToArray(), SlotOfMessage = slotOf, Slots = slots.ToArray() };
    }

    public bool IsShaped(int language) => Shaped.Contains(Languages[language]);

    /// <summary>C# identifier for a message id: "card.place.title" → CardPlaceTitle.</summary>
    public static string Identifier(string id)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in id)
        {
            if (c == '.' || c == '-' || c == '_') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }
}
