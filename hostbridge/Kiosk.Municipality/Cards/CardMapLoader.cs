using System.Text.Json;

namespace Kiosk.Municipality.Cards;

/// <summary>
/// Reads a card map file. Accepted shapes: <c>{"cards":[{"serial","issuer","profileId"}]}</c>, a bare array of those,
/// or a flat object <c>{"&lt;serial hex&gt;": "&lt;profile id&gt;"}</c>.
/// </summary>
public static class CardMapLoader
{
    public static CardMap LoadFile(string path) => new(LoadBindings(path));

    /// <summary>The bindings in a card map file.</summary>
    public static IReadOnlyList<CardBinding> LoadBindings(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Card map file '{path}' (Municipality:CardMapPath) does not exist.", path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return ParseBindings(doc.RootElement, path);
    }

    public static CardMap Parse(JsonElement root, string source) => new(ParseBindings(root, source));

    private static List<CardBinding> ParseBindings(JsonElement root, string source)
    {
        var bindings = new List<CardBinding>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("cards", out var cards))
            root = cards;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in root.EnumerateArray())
            {
                var serial = Prop(e, "serial") ?? Prop(e, "serialHex") ?? Prop(e, "authCertificateSerial");
                var profile = Prop(e, "profileId") ?? Prop(e, "profile") ?? Prop(e, "id");
                if (serial is null || profile is null)
                    throw new InvalidDataException($"Card map {source}: every entry needs 'serial' and 'profileId'.");
                bindings.Add(new CardBinding(serial, Prop(e, "issuer") ?? Prop(e, "issuerDn"), profile));
            }
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"Card map {source}: value of '{p.Name}' must be a profile id string.");
                bindings.Add(new CardBinding(p.Name, null, p.Value.GetString()!));
            }
        }
        else throw new InvalidDataException($"Card map {source}: expected an object or an array.");
        return bindings;
    }

    private static string? Prop(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                return p.Value.GetString();
        return null;
    }
}
