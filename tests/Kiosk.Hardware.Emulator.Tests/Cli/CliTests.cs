using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Hardware.Emulator.Tests.Cli;

public class CliTests
{
    [Fact]
    public void Profiles_lists_every_profile_with_its_auth_serial()
    {
        var (code, stdout, _) = CliProcess.Run("profiles");
        Assert.Equal(0, code);
        Assert.Contains("tanaka-hanako", stdout);
        Assert.Contains("transit-card", stdout);
        Assert.Contains(JpkiTestPki.AuthSerialFor(JpkiTestPki.DefaultSeed, "kobayashi-takeshi"), stdout);
        Assert.Contains("auth revoked", stdout);
    }

    [Fact]
    public void Pki_export_writes_the_same_trust_material_as_the_library()
    {
        var dir = Directory.CreateTempSubdirectory("kiosk-cli-pki-").FullName;
        try
        {
            var (code, stdout, stderr) = CliProcess.Run("pki", "export", "--out", dir);
            Assert.True(code == 0, stderr);
            Assert.Contains("no private keys", stdout);
            Assert.Equal(JpkiTestPki.Create().AuthCaCertificate.RawData, File.ReadAllBytes(Path.Combine(dir, "auth-ca.der")));
            Assert.Equal(JpkiTestPki.Create().AuthCrl, File.ReadAllBytes(Path.Combine(dir, "auth-ca.crl.der")));
            Assert.DoesNotContain(Directory.GetFiles(dir), f => File.ReadAllText(f).Contains("PRIVATE KEY"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Pn532_over_tcp_answers_frames_from_a_client()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var cli = new CliProcess("pn532", "--tcp", port.ToString(), "--card", "nguyen-van-an");
        Assert.True(cli.WaitForStdout("listening on 127.0.0.1:" + port, TimeSpan.FromSeconds(30)), cli.Stderr);
        using var client = new System.Net.Sockets.TcpClient("127.0.0.1", port);
        var s = client.GetStream();
        s.Write(Kiosk.Hardware.Emulator.Pn532.Pn532Frames.Encode([0xD4, 0x4A, 0x01, 0x03, 0x00]));
        var buffer = new byte[6 + 7 + 16 + 2];
        s.ReadTimeout = 10_000;
        s.ReadExactly(buffer);
        Assert.Equal(Kiosk.Hardware.Emulator.Pn532.Pn532Frames.Ack, buffer[..6]);
        Assert.Equal(Convert.FromHexString("D54B0101500BADF00D"), buffer[11..20]);
    }

    [Fact]
    public void Bench_prints_modeled_steps_and_a_total()
    {
        var (code, stdout, stderr) = CliProcess.Run("bench");
        Assert.True(code == 0, stderr);
        Assert.Contains("COMPUTE DIGITAL SIGNATURE", stdout);
        Assert.Matches(@"total\s+\d+\.\d ms", stdout);
    }

    [Fact]
    public void User_errors_give_clear_messages_and_exit_codes()
    {
        var unknown = CliProcess.Run("card", "--vpcd", "127.0.0.1:1", "--card", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown profile 'nobody'", unknown.Stderr);
        Assert.Contains("tanaka-hanako", unknown.Stderr);
        var usage = CliProcess.Run("pn532", "--card", "tanaka-hanako");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--serial PATH or --tcp PORT", usage.Stderr);
        var missingFile = CliProcess.Run("profiles", "--profiles", "/nonexistent.json");
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("profile file not found", missingFile.Stderr);
        var badOption = CliProcess.Run("profiles", "--colour", "red");
        Assert.Equal(2, badOption.ExitCode);
        Assert.Contains("unknown option --colour", badOption.Stderr);
    }
}
