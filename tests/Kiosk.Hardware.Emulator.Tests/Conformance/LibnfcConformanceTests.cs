using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;
using Kiosk.TestSupport;

namespace Kiosk.Hardware.Emulator.Tests.Conformance;

/// <summary>libnfc 1.8 (third-party PN532 host driver) against the PN532 emulator through a socat pty pair.</summary>
public sealed class LibnfcConformanceTests : IDisposable
{
    private readonly SocatPtyPair _pty = SocatPtyPair.Start();
    private readonly Pn532Host _host;
    private readonly List<string> _log = [];

    public LibnfcConformanceTests()
    {
        _host = new Pn532Host(Pn532Host.OpenSerial(_pty.DevicePath), log: l => { lock (_log) _log.Add(l); });
        _host.Emulator.PlaceCard(VirtualMyNumberCard.ForProfile("tanaka-hanako"));
    }

    private (int ExitCode, string Output) Libnfc(string tool, params string[] args) => RunLibnfc(_pty.HostPath, tool, args);

    /// <summary>
    /// Runs a libnfc tool. libnfc gives the chip 350 ms per command; on a machine loaded far beyond its cores the
    /// emulator process can miss that, which libnfc reports as an I/O error, so only such runs are repeated (at most 3).
    /// </summary>
    internal static (int ExitCode, string Output) RunLibnfc(string device, string tool, params string[] args)
    {
        (int ExitCode, string Output) result = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            result = Tools.RunWithEnv(tool, new Dictionary<string, string>
            {
                ["LIBNFC_DEVICE"] = "pn532_uart:" + device,
                ["LIBNFC_AUTO_SCAN"] = "false",
                ["LIBNFC_LOG_LEVEL"] = "1",
            }, 30, args);
            var timedOut = result.Output.Contains("Input / Output Error", StringComparison.OrdinalIgnoreCase)
                || result.Output.Contains("Unable to open NFC device", StringComparison.Ordinal)
                || result.Output.Contains("Timeout", StringComparison.Ordinal);
            if (!timedOut) break;
        }
        return result;
    }

    [Fact]
    public void Nfc_list_finds_the_type_b_target()
    {
        var (code, output) = Libnfc("nfc-list", "-t", "8");
        Assert.True(code == 0, output);
        Assert.Contains("1 ISO14443B passive target(s) found", output);
        Assert.Contains("PUPI: 12  34  56  78", output);
        Assert.Contains("Protocol Info: 00  81  81", output);
    }

    [Fact]
    public void Nfc_list_with_every_modulation_still_reports_only_the_b_target()
    {
        var (code, output) = Libnfc("nfc-list");
        Assert.True(code == 0, output);
        Assert.Contains("ISO14443B passive target(s) found", output);
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nfc_poll_uses_in_auto_poll()
    {
        var (code, output) = Libnfc("nfc-poll");
        Assert.True(code == 0, output);
        Assert.Contains("ISO/IEC 14443-4B (106 kbps) target", output);
        lock (_log) Assert.Contains(_log, l => l.StartsWith("rx D460", StringComparison.Ordinal));
    }

    [Fact]
    public void Tamashell_selects_the_jpki_ap_and_reads_ef_000a()
    {
        var script = Path.GetTempFileName();
        try
        {
            File.WriteAllText(script, """
                4A 01 03 00
                40 01 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
                40 01 00 A4 02 0C 02 00 0A
                40 01 00 B0 00 00 04
                q
                """);
            var (code, output) = Libnfc("pn53x-tamashell", script);
            Assert.True(code == 0, output);
            var cert = Kiosk.Hardware.Emulator.Pki.JpkiTestPki.Create().Resident("tanaka-hanako").AuthCertificateDer;
            var expected = "Rx: 00  " + string.Join("  ", cert[..4].Select(b => b.ToString("x2"))) + "  90  00";
            Assert.Contains("Rx: 01  01  50  12  34  56  78", output);
            Assert.Equal(2, output.Split("Rx: 00  90  00").Length - 1);
            Assert.Contains(expected, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void Cli_pn532_on_a_pty_places_and_removes_cards_by_script()
    {
        using var pty = SocatPtyPair.Start();
        using var cli = new Cli.CliProcess("pn532", "--serial", pty.DevicePath, "--card", "tanaka-hanako", "--log");
        Assert.True(cli.WaitForStdout("PN532 emulator on", TimeSpan.FromSeconds(30)), cli.Stderr);
        (int, string) List() => RunLibnfc(pty.HostPath, "nfc-list", "-t", "8");
        // The emulator is a fresh process: its first frames are JIT-compiled, and libnfc gives InListPassiveTarget
        // only 300 ms, so on a loaded machine the first poll can time out as "no target". Warm it up (at most 3 polls).
        var first = List().Item2;
        for (var i = 0; i < 2 && !first.Contains("PUPI: 12  34  56  78"); i++) first = List().Item2;
        Assert.Contains("PUPI: 12  34  56  78", first);
        cli.SendLine("remove");
        Assert.True(cli.WaitForStdout("removed", TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("ISO14443B passive target(s) found", List().Item2);
        cli.SendLine("place smith-emily");
        Assert.True(cli.WaitForStdout("placed smith-emily", TimeSpan.FromSeconds(30)));
        Assert.Contains("PUPI: 5e  ed  be  ef", List().Item2);
        Assert.Contains("rx D44A010300", cli.Stderr);
    }

    public void Dispose()
    {
        _pty.Dispose(); // closing the pty ends the emulator's read
        _host.Dispose();
    }
}
