using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Kiosk.Municipality.Cards;
using Kiosk.Municipality.Pdf;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>Configuration paths: the development test-PKI binding, and clear failures for missing files.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task With_a_test_pki_seed_the_emulators_cards_resolve_without_a_card_map()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kiosk-muni-" + Guid.NewGuid().ToString("N"));
        await using var app = MunicipalityApp.Build(["--urls=http://127.0.0.1:0", "--Municipality:DataDir=" + dir,
            "--Municipality:TestPkiSeed=kiosk-default", "--Logging:LogLevel:Default=Warning"]);
        await MunicipalityApp.InitializeAsync(app);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var serial = TestPkiSerials.AuthSerialFor("kiosk-default", "tanaka-hanako");
            var resp = await http.PostAsJsonAsync("/v1/residents/resolve", new { certificateSerial = serial, issuer = "CN=whatever" });
            Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
            var body = await resp.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("131016", body.GetProperty("municipalityCode").GetString());
            Assert.Equal("東京都千代田区", body.GetProperty("municipalityName").GetString());
            var other = await http.PostAsJsonAsync("/v1/residents/resolve",
                new { certificateSerial = TestPkiSerials.AuthSerialFor("another-seed", "tanaka-hanako"), issuer = "CN=x" });
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_card_map_file_stops_startup_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-cards-" + Guid.NewGuid().ToString("N") + ".json");
        var dir = Path.Combine(Path.GetTempPath(), "kiosk-muni-" + Guid.NewGuid().ToString("N"));
        var app = MunicipalityApp.Build(["--urls=http://127.0.0.1:0", "--Municipality:DataDir=" + dir, "--Municipality:CardMapPath=" + path]);
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => MunicipalityApp.InitializeAsync(app));
        Assert.Contains(path, e.Message);
        await app.DisposeAsync();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void The_font_check_names_the_debian_package() =>
        Assert.Contains("fonts-ipaexfont", JapaneseFonts.MissingFontMessage("/nowhere/ipaexm.ttf"));

    [Fact]
    public async Task Every_page_has_the_micro_text_border_with_the_document_number()
    {
        await using var server = await MunicipalityServer.StartAsync();
        var (_, body) = await server.PostAsync("/v1/issuances", await server.OrderAsync("tanaka-hanako", "juminhyo", copies: 2));
        var path = Path.Combine(server.DataDir, "doc.pdf");
        await File.WriteAllBytesAsync(path, body.Pdf());
        var psi = new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var full = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var micro = "KIOSK 131016 " + body.GetProperty("documentId").GetString();
        var count = full.Split(micro).Length - 1;
        Assert.True(count > 40, "micro-text repeats " + count + " times");
        // The latent 「複写」 is drawn as glyph outlines, not text, so it never pollutes the extractable text...
        Assert.DoesNotContain("複写", full);
        // ...but every page clips its hatching to those outlines: a clipping path built of curves.
        var pagesWithLatent = ContentStreams(body.Pdf()).Count(s => s.Contains("W n") && s.Split(" c\n").Length > 100);
        Assert.Equal(2, pagesWithLatent);
    }

    /// <summary>The decompressed content of every Flate stream in a PDF.</summary>
    private static IEnumerable<string> ContentStreams(byte[] pdf)
    {
        var latin = System.Text.Encoding.Latin1.GetString(pdf);
        var at = 0;
        while ((at = latin.IndexOf("stream\n", at, StringComparison.Ordinal)) >= 0)
        {
            var start = latin.IndexOf('\n', at) + 1;
            var end = latin.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) yield break;
            string? text = null;
            try
            {
                using var z = new System.IO.Compression.ZLibStream(new MemoryStream(pdf, start, end - start), System.IO.Compression.CompressionMode.Decompress);
                using var r = new StreamReader(z, System.Text.Encoding.Latin1);
                text = r.ReadToEnd();
            }
            catch (InvalidDataException) { }
            if (text is not null) yield return text;
            at = end + 9;
        }
    }
}
