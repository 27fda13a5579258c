namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>The nanoFramework 1.17 public surface, read from the listings in ../shared/nanoframework-api/*.txt.</summary>
public sealed class NanoApiListing
{
    private readonly Dictionary<string, string> _typeToFile = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    private NanoApiListing() { }

    /// <summary>Number of types listed.</summary>
    public int TypeCount => _typeToFile.Count;

    /// <summary>Number of members listed.</summary>
    public int MemberCount => _members.Count;

    /// <summary>Loads every top-level *.txt of the folder (not generics-preview/, which is not the stable surface).</summary>
    public static NanoApiListing Load(string folder)
    {
        var files = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly);
        if (files.Length == 0) throw new FileNotFoundException("no nanoFramework API listings (*.txt) in " + folder);
        var listing = new NanoApiListing();
        foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                var sep = line.IndexOf("::", StringComparison.Ordinal);
                if (sep < 0) listing._typeToFile.TryAdd(line, Path.GetFileName(file));
                else listing._members.Add(line[..sep] + "::" + NormalizeMember(line[(sep + 2)..]));
            }
        }
        return listing;
    }

    /// <summary>True when the type (listing spelling: namespace + nested names joined by '.') is on the device.</summary>
    public bool HasType(string fullName) => _typeToFile.ContainsKey(fullName);

    /// <summary>The listing file that declares the type (tells which nanoFramework package provides it), or null.</summary>
    public string? FileOf(string fullName) => _typeToFile.TryGetValue(fullName, out var f) ? f : null;

    /// <summary>True when <paramref name="member"/> (as <c>Name(P1,P2)</c>, <c>.ctor(..)</c>, <c>this[..]</c> or a bare name) is declared on the type.</summary>
    public bool HasMember(string typeFullName, string member) => _members.Contains(typeFullName + "::" + member);

    /// <summary>
    /// A metadata signature cannot tell <c>out</c>/<c>in</c> from <c>ref</c> or see <c>params</c>/<c>this</c>, so the listing is
    /// compared in the same reduced form.
    /// </summary>
    internal static string NormalizeMember(string member)
    {
        var open = member.IndexOfAny(['(', '[']);
        if (open < 0) return member;
        var close = member[^1];
        var inner = member[(open + 1)..^1];
        if (inner.Length == 0) return member;
        var parts = inner.Split(',').Select(p =>
        {
            var s = p.Trim();
            foreach (var prefix in new[] { "params ", "this ", "scoped " }) if (s.StartsWith(prefix, StringComparison.Ordinal)) s = s[prefix.Length..];
            if (s.StartsWith("out ", StringComparison.Ordinal)) s = "ref " + s[4..];
            if (s.StartsWith("in ", StringComparison.Ordinal)) s = "ref " + s[3..];
            return s;
        });
        return member[..(open + 1)] + string.Join(",", parts) + close;
    }
}
