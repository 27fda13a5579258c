using System.Security.Cryptography.X509Certificates;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Vpcd;

namespace Kiosk.Hardware.Emulator.Tests.Conformance;

/// <summary>OpenSC 0.23 (third-party JPKI driver, PKCS#15 and PKCS#11) against the virtual card in pcscd through vpcd.</summary>
public sealed class OpenScConformanceTests(PcscdFixture fixture) : IClassFixture<PcscdFixture>
{
    private static readonly string Module = new[]
    {
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so", "/usr/lib/opensc-pkcs11.so",
    }.FirstOrDefault(File.Exists) ?? "opensc-pkcs11.so";

    private sealed class InsertedCard : IDisposable
    {
        private readonly VpcdClient _client;
        private readonly Thread _thread;
        private readonly PcscdFixture _fixture;

        public InsertedCard(PcscdFixture fixture, VirtualMyNumberCard card)
        {
            _fixture = fixture;
            Card = card;
            _client = new VpcdClient(card);
            _client.Connect("127.0.0.1", fixture.Pcscd.Port, TimeSpan.FromSeconds(10));
            _thread = new Thread(() => _client.Run()) { IsBackground = true };
            _thread.Start();
            Assert.True(fixture.Pcscd.WaitForCard(true, TimeSpan.FromSeconds(30)), "card not seen by pcscd: " + File.ReadAllText(fixture.Pcscd.LogPath));
        }

        public VirtualMyNumberCard Card { get; }

        public void Dispose()
        {
            _client.Dispose();
            _thread.Join(2000);
            _fixture.Pcscd.WaitForCard(false, TimeSpan.FromSeconds(5));
        }
    }

    private (int ExitCode, string Output) OpenSc(string tool, params string[] args)
        => Tools.RunWithEnv(tool, new Dictionary<string, string>(), 60, args);

    private string[] Pkcs11(params string[] args) => ["--module", Module, .. args];

    [Fact]
    public void Opensc_tool_names_the_card_jpki_after_rejecting_every_other_drivers_probe()
    {
        using var inserted = new InsertedCard(fixture, VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        var (code, output) = OpenSc("opensc-tool", "--reader", fixture.Pcscd.ReaderName, "-n");
        Assert.True(code == 0, output);
        Assert.Equal("jpki", output.Trim().Split('\n')[^1].Trim());
        var atr = OpenSc("opensc-tool", "--reader", fixture.Pcscd.ReaderName, "-a").Output;
        Assert.Contains("3b:e0:00:ff:81:31:fe:45:14", atr);
    }

    [Fact]
    public void Pkcs15_tool_reads_the_auth_certificate_byte_for_byte()
    {
        using var inserted = new InsertedCard(fixture, VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        var (code, output) = OpenSc("pkcs15-tool", "--reader", fixture.Pcscd.ReaderName, "--read-certificate", "01");
        Assert.True(code == 0, output);
        var pem = output[output.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];
        var read = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(JpkiTestPki.Create().Resident("tanaka-hanako").AuthCertificateDer, read.RawData);
    }

    [Theory]
    [InlineData("0", "1234", "01", "auth")]
    [InlineData("1", "ABC123", "02", "sign")]
    public void Pkcs11_signature_verifies_with_openssl(string slotIndex, string pin, string keyId, string which)
    {
        using var inserted = new InsertedCard(fixture, VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        var dir = Directory.CreateTempSubdirectory("kiosk-sign-").FullName;
        try
        {
            var data = Path.Combine(dir, "data.txt");
            var sig = Path.Combine(dir, "sig.bin");
            var certPath = Path.Combine(dir, "cert.pem");
            var pub = Path.Combine(dir, "pub.pem");
            File.WriteAllText(data, "kiosk conformance " + which + "\n");
            var (code, output) = OpenSc("pkcs11-tool", Pkcs11("--slot-index", slotIndex, "--login", "--pin", pin, "--sign", "--id", keyId,
                "-m", "SHA256-RSA-PKCS", "-i", data, "-o", sig));
            Assert.True(code == 0, output);
            Assert.DoesNotContain(pin, output);
            var credentials = JpkiTestPki.Create().Resident("tanaka-hanako");
            var der = which == "auth" ? credentials.AuthCertificateDer : credentials.SignCertificateDer!;
            File.WriteAllText(certPath, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", der));
            Assert.Equal(0, Tools.Run("openssl", "x509", "-in", certPath, "-pubkey", "-noout", "-out", pub).ExitCode);
            var verify = Tools.Run("openssl", "dgst", "-sha256", "-verify", pub, "-signature", sig, data);
            Assert.Contains("Verified OK", verify.Output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Three_wrong_pins_lock_the_card_and_opensc_reports_it_locked()
    {
        using var inserted = new InsertedCard(fixture, VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        for (var i = 0; i < 3; i++)
        {
            var (code, output) = OpenSc("pkcs11-tool", Pkcs11("--slot-index", "0", "--login", "--pin", "000" + i, "--list-objects"));
            Assert.NotEqual(0, code);
            Assert.Contains("CKR_PIN_INCORRECT", output);
        }
        Assert.Equal(0, inserted.Card.AuthPinTriesLeft);
        AssertLocked();
    }

    [Fact]
    public void Locked_profile_is_reported_locked_from_the_start()
    {
        using var inserted = new InsertedCard(fixture, VirtualMyNumberCard.ForProfile("sato-kenji"));
        AssertLocked();
        var (code, output) = OpenSc("pkcs11-tool", Pkcs11("--slot-index", "0", "--login", "--pin", "5555", "--list-objects"));
        Assert.NotEqual(0, code);
        // The card answers 6984 like a real blocked card; OpenSC 0.23 maps that to CKR_GENERAL_ERROR, and the token
        // flags above are where it reports the lock.
        Assert.True(output.Contains("C_Login failed"), output);
        Assert.DoesNotContain("CKR_PIN_INCORRECT", output);
        Assert.Equal(0, inserted.Card.AuthPinTriesLeft);
    }

    [Fact]
    public void Cli_card_command_plugs_into_vpcd_and_logs_apdus_without_the_pin()
    {
        using var cli = new Cli.CliProcess("card", "--vpcd", "127.0.0.1:" + fixture.Pcscd.Port, "--card", "smith-emily", "--log");
        try
        {
            Assert.True(fixture.Pcscd.WaitForCard(true, TimeSpan.FromSeconds(30)), cli.Stderr);
            Assert.Equal("jpki", OpenSc("opensc-tool", "--reader", fixture.Pcscd.ReaderName, "-n").Output.Trim().Split('\n')[^1].Trim());
            var (code, output) = OpenSc("pkcs11-tool", Pkcs11("--slot-index", "0", "--login", "--pin", "9876", "--list-objects"));
            Assert.True(code == 0, output);
            Assert.Contains("apdu > 0020008004********", cli.Stderr);
            Assert.DoesNotContain("39383736", cli.Stderr);
        }
        finally
        {
            cli.Dispose();
            fixture.Pcscd.WaitForCard(false, TimeSpan.FromSeconds(5));
        }
    }

    private void AssertLocked()
    {
        var (code, output) = OpenSc("pkcs11-tool", Pkcs11("--list-token-slots"));
        Assert.True(code == 0, output);
        var authSlot = output[output.IndexOf("User Authentication PIN", StringComparison.Ordinal)..];
        authSlot = authSlot.Split("Slot ")[0];
        Assert.Contains("user PIN locked", authSlot);
        var pins = OpenSc("pkcs15-tool", "--reader", fixture.Pcscd.ReaderName, "--list-pins").Output;
        Assert.Contains("Tries left", pins);
        Assert.Matches(@"User Authentication PIN[\s\S]*?Tries left\s*:\s*0", pins);
    }
}
