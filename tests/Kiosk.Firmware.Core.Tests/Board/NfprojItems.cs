using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kiosk.Firmware.Core.Tests.Board;

/// <summary>Reads a legacy (.nfproj) project: which .cs files its Compile items take, and its assembly references.</summary>
internal sealed class NfprojItems
{
    private readonly List<(Regex Include, Regex? Exclude, string Raw)> _globs = new();
    private readonly List<string> _files = new();

    private NfprojItems(string path) => ProjectPath = path;

    public string ProjectPath { get; }

    /// <summary>Compile items without wildcards, as full paths.</summary>
    public IReadOnlyList<string> ExplicitFiles => _files;

    /// <summary>Every Reference HintPath, with '/' separators, relative to the project folder.</summary>
    public List<string> HintPaths { get; } = new();

    public static NfprojItems Load(string path)
    {
        var items = new NfprojItems(path);
        var dir = Path.GetDirectoryName(path)!;
        var doc = XDocument.Load(path);
        foreach (var compile in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var include = ((string?)compile.Attribute("Include") ?? "").Replace('\\', '/');
            var exclude = ((string?)compile.Attribute("Exclude"))?.Replace('\\', '/');
            if (include.Contains('*'))
            {
                items._globs.Add((Glob(dir, include), exclude == null ? null : Globs(dir, exclude.Split(';')), include));
            }
            else
            {
                items._files.Add(Path.GetFullPath(Path.Combine(dir, include)));
            }
        }
        foreach (var hint in doc.Descendants().Where(e => e.Name.LocalName == "HintPath"))
            items.HintPaths.Add(hint.Value.Trim().Replace('\\', '/'));
        return items;
    }

    /// <summary>True when some Compile item of the project takes <paramref name="fullPath"/>.</summary>
    public bool Compiles(string fullPath)
    {
        var p = fullPath.Replace('\\', '/');
        if (_files.Any(f => f.Replace('\\', '/') == p)) return true;
        return _globs.Any(g => g.Include.IsMatch(p) && (g.Exclude == null || !g.Exclude.IsMatch(p)));
    }

    /// <summary>MSBuild wildcard semantics on full paths: ** spans folders, * and ? stay inside one.</summary>
    private static Regex Glob(string dir, string pattern)
    {
        var firstWild = pattern.IndexOfAny(['*', '?']);
        var cut = pattern.LastIndexOf('/', firstWild) + 1;
        var fixedPart = Path.GetFullPath(Path.Combine(dir, pattern[..cut])).Replace('\\', '/').TrimEnd('/') + "/";
        var wild = pattern[cut..];
        var rx = Regex.Escape(fixedPart) + Regex.Escape(wild)
            .Replace(@"\*\*/", "(?:.*/)?")
            .Replace(@"\*\*", ".*")
            .Replace(@"\*", "[^/]*")
            .Replace(@"\?", "[^/]");
        return new Regex("^" + rx + "$", RegexOptions.CultureInvariant);
    }

    private static Regex Globs(string dir, string[] patterns) =>
        new("(?:" + string.Join("|", patterns.Where(p => p.Trim().Length > 0).Select(p => Glob(dir, p.Trim()).ToString())) + ")", RegexOptions.CultureInvariant);
}
