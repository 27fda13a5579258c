using System.Diagnostics;

namespace Kiosk.Municipality.Tests.Support;

/// <summary>Extracts a PDF's text with poppler's pdftotext, cropped inside the micro-text border.</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "kiosk-pdf-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var psi = new ProcessStartInfo("pdftotext", ["-layout", "-r", "72", "-x", "25", "-y", "25", "-W", "545", "-H", "790", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext (Debian package poppler-utils) did not start.");
            var text = await p.StandardOutput.ReadToEndAsync();
            var err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException("pdftotext failed: " + err);
            return text;
        }
        finally { File.Delete(path); }
    }

    /// <summary>The text with all whitespace (including the ideographic space) removed, for name matching.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
