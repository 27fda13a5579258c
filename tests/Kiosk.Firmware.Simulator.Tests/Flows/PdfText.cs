using System.Diagnostics;

namespace Kiosk.Firmware.Simulator.Tests.Flows;

/// <summary>Text of a PDF through poppler's pdftotext (Debian poppler-utils), an independent reader of what was printed.</summary>
public static class PdfText
{
    public static string Of(byte[] pdf)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var psi = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext did not start (Debian package poppler-utils)");
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(30_000);
            Assert.Equal(0, p.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
