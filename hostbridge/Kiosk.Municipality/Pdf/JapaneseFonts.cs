using PdfSharp.Fonts;

namespace Kiosk.Municipality.Pdf;

/// <summary>
/// Serves the IPAex fonts from the Debian package fonts-ipaexfont to PDFsharp, which embeds the used glyphs in each PDF.
/// </summary>
public sealed class JapaneseFonts : IFontResolver
{
    public const string Mincho = "IPAexMincho";
    public const string Gothic = "IPAexGothic";
    public const string DebianPackage = "fonts-ipaexfont";
    public const string DefaultDirectory = "/usr/share/fonts/opentype";

    private static readonly Lock Gate = new();
    private static JapaneseFonts? _installed;
    private readonly Dictionary<string, byte[]> _faces;

    private JapaneseFonts(string directory)
    {
        _faces = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["ipaexm"] = Read(Path.Combine(directory, "ipaexfont-mincho", "ipaexm.ttf")),
            ["ipaexg"] = Read(Path.Combine(directory, "ipaexfont-gothic", "ipaexg.ttf")),
        };
    }

    private static byte[] Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Japanese font '{path}' is missing. Install the Debian package {DebianPackage} " +
                $"(apt-get install {DebianPackage}) or point Municipality:FontDirectory at a directory holding " +
                "ipaexfont-mincho/ipaexm.ttf and ipaexfont-gothic/ipaexg.ttf.", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>Selects PDFsharp's AGPL licence, loads the fonts and installs them as PDFsharp's resolver (once per process).</summary>
    public static void Install(string? directory = null)
    {
        lock (Gate)
        {
            if (_installed is not null) return;
            // PDFsharp 6.5 is published under AGPL-3.0-only and refuses to render until that licence is chosen.
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            _installed = new JapaneseFonts(directory ?? DefaultDirectory);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName.Equals(Gothic, StringComparison.OrdinalIgnoreCase) ? "ipaexg" : "ipaexm";
        return new FontResolverInfo(face, bold, italic);
    }

    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out var data) ? data : null;
}
