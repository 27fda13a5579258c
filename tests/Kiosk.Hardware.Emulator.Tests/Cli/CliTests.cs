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
