using System.Diagnostics;
using Kiosk.Municipality.Pdf;

namespace Kiosk.Municipality.Tests;

/// <summary>The load tests' minimal PDF (Municipality:MinimalPdf): a real PDF a PDF reader opens, naming the resident.</summary>
public sealed class MinimalPdfTests
{
    [Fact]
    public void Names_the_resident_and_profile_and_reads_back()
    {
        var pdf = MinimalPdf.Render("131016-20261122-ABCDEF0123", "R-0001", "tanaka-hanako", "田中\u3000花子", "juminhyo", 2);

        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf, 0, 8));
        Assert.Equal("R-0001", MinimalPdf.ResidentOf(pdf));
        Assert.Equal("tanaka-hanako", MinimalPdf.ProfileOf(pdf));
        Assert.Null(MinimalPdf.ProfileOf("%PDF-1.4\n%%EOF\n"u8.ToArray()));
    }

    [Fact]
    public void Poppler_reads_the_page_text()
    {
        var pdf = MinimalPdf.Render("doc-1", "R-0002", null, "SMITH EMILY", "juminhyo", 1);
        var path = Path.Combine(Path.GetTempPath(), "kiosk-minimal-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            Assert.Equal(0, p.ExitCode);
            Assert.Contains("resident R-0002", text);
            Assert.Contains("profile none", text);
            Assert.Contains("document doc-1", text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
