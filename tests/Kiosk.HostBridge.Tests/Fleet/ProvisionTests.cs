using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.Kioskctl.Cli;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary><c>kioskctl provision</c> against a real bridge: the bundle, its permissions, the key staying inside, and the nanoff hand-off.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisionTests(FleetFixture fixture) : IClassFixture<FleetFixture>, IDisposable
{
    private readonly TempFolder _work = new("kiosk-provision-");

    public void Dispose() => _work.Dispose();

    private async Task<(int Code, string Out, string Err)> ProvisionAsync(string token, string outDir, params string[] extra)
    {
        Directory.CreateDirectory(_work.Path);
        var caFile = Path.Combine(_work.Path, "fleet-ca.pem");
        if (!File.Exists(caFile)) await File.WriteAllTextAsync(caFile, fixture.Pki.FleetCa.ExportCertificatePem());
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, new MemoryStream(), new NoPrompt());
        string[] args = ["provision", "--store", "store-1", "--token", token, "--bridge", fixture.Bridge.FleetUri!.ToString(), "--port", "/dev/ttyUSB0",
            "--out", outDir, "--bridge-ca", caFile, "--wifi-ssid", "konbini-ops", "--wifi-password", "wifi-secret", .. extra];
        // The command blocks on its HTTP call; run it off the test's thread like a separate process would.
        var code = await Task.Run(() => CommandTable.Default().Run(args, context));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Provision_writes_an_owner_only_bundle_whose_certificate_opens_the_kiosk_port()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-1");
        var bundle = Path.Combine(_work.Path, "bundle");

        var (code, output, error) = await ProvisionAsync(token, bundle, "--nanoff", Path.Combine(_work.Path, "no-such-nanoff"));

        Assert.Equal(ExitCode.NanoffMissing, code);
        Assert.Contains("dotnet tool install -g nanoff", error);
        Assert.Contains("nanoff flash target ESP32_PSRAM_REV3 serialport /dev/ttyUSB0", output);
        Assert.Contains("nanoff deploy network \"" + Path.Combine(bundle, "network-deployment.json") + "\" serialport /dev/ttyUSB0", output);
        Assert.Contains("nanoff details serialport /dev/ttyUSB0", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(bundle));
        var files = Directory.GetFiles(bundle);
        Assert.Contains(Path.Combine(bundle, "device.key.pem"), files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

        // No private key anywhere in the working folder outside the bundle.
        var keyFiles = Directory.GetFiles(_work.Path, "*", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains("PRIVATE KEY")).ToList();
        Assert.All(keyFiles, f => Assert.Equal(bundle, Path.GetDirectoryName(f)));
        Assert.Equal(2, keyFiles.Count); // device.key.pem and the device store PEM (certificate + key) for nanoff

        var network = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "network-deployment.json"))).RootElement;
        Assert.Equal("/dev/ttyUSB0", network.GetProperty("SerialPort").GetString());
        Assert.Equal("konbini-ops", network.GetProperty("WirelessClient").GetProperty("Ssid").GetString());
        Assert.Equal(Path.Combine(bundle, "ca-bundle.pem"), network.GetProperty("CACertificatesPath").GetString());
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "device-config.json"))).RootElement;
        Assert.Equal("store-1", config.GetProperty("storeId").GetString());
        Assert.Equal("https://kiosk.example:8443", config.GetProperty("bridgeUrl").GetString());
        Assert.DoesNotContain("wifi-secret", File.ReadAllText(Path.Combine(bundle, "device-config.json")));

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(bundle, "device.crt.pem")));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(bundle, "device.key.pem")));
        using var withKey = certificate.CopyWithPrivateKey(key);
        using var device = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        Assert.Equal(config.GetProperty("deviceId").GetString(), device.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal(HttpStatusCode.Created, (await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/sessions")).Status);

        // The same token a second time: refused, and no bundle (no stray key) is left behind.
        var second = Path.Combine(_work.Path, "second");
        var (again, _, againError) = await ProvisionAsync(token, second, "--nanoff", Path.Combine(_work.Path, "no-such-nanoff"));
        Assert.Equal(ExitCode.EnrolmentRefused, again);
        Assert.Contains("token-refused", againError);
        Assert.False(Directory.Exists(second));
    }

    [Fact]
    public async Task Provision_with_another_stores_token_is_refused_keeps_no_key_and_leaves_the_token_unspent()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-2");
        var bundle = Path.Combine(_work.Path, "wrong-store");

        // ProvisionAsync installs for store-1.
        var (code, _, error) = await ProvisionAsync(token, bundle, "--dry-run");

        Assert.Equal(ExitCode.EnrolmentRefused, code);
        Assert.Contains("token-refused", error);
        Assert.False(Directory.Exists(bundle));
        Assert.Equal(HttpStatusCode.Created, (await fixture.EnrolAsync(token)).Status);
    }

    [Fact]
    public async Task Provision_dry_run_succeeds_and_never_overwrites_a_bundle()
    {
        Directory.CreateDirectory(_work.Path);
        var nanoff = Path.Combine(_work.Path, "nanoff");
        await File.WriteAllTextAsync(nanoff, "#!/bin/sh\n");
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var bundle = Path.Combine(_work.Path, "bundle-rsa");
        var (code, _, error) = await ProvisionAsync(await fixture.CreateTokenAsync(admin, "store-1"), bundle, "--nanoff", nanoff, "--key", "rsa", "--dry-run");
        Assert.True(code == ExitCode.Ok, error);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(bundle, "device.crt.pem")));
        Assert.NotNull(certificate.GetRSAPublicKey());

        var token = await fixture.CreateTokenAsync(admin, "store-1");
        var (exists, _, existsError) = await ProvisionAsync(token, bundle, "--nanoff", nanoff, "--dry-run");
        Assert.Equal(ExitCode.BundleExists, exists);
        Assert.Contains("not empty", existsError);
        // The refused run did not spend the token.
        Assert.Equal(HttpStatusCode.Created, (await fixture.EnrolAsync(token)).Status);
    }

    [Fact]
    public async Task Provision_runs_nanoff_on_the_bundle_it_wrote_and_reads_the_versions_back()
    {
        Directory.CreateDirectory(_work.Path);
        using var nanoff = new Kiosk.TestSupport.StandInNanoff();
        var image = Path.Combine(_work.Path, "Kiosk.Firmware.Esp32.bin");
        await File.WriteAllBytesAsync(image, System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096));
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var bundle = Path.Combine(_work.Path, "bundle-flashed");
        var (code, output, error) = await ProvisionAsync(await fixture.CreateTokenAsync(admin, "store-1"), bundle, "--nanoff", nanoff.Executable,
            "--fw-version", "1.12.0.53", "--app-image", image, "--app-version", "0.1.0.0");
        Assert.True(code == ExitCode.Ok, error);
        Assert.Equal(
        [
            "flash target ESP32_PSRAM_REV3 serialport /dev/ttyUSB0 fwversion 1.12.0.53",
            "deploy network " + Path.Combine(bundle, "network-deployment.json") + " serialport /dev/ttyUSB0",
            "deploy file " + Path.Combine(bundle, "file-deployment.json") + " serialport /dev/ttyUSB0",
            "deploy target ESP32_PSRAM_REV3 serialport /dev/ttyUSB0 image " + Path.Combine(bundle, "Kiosk.Firmware.Esp32.bin"),
            "details serialport /dev/ttyUSB0",
        ], nanoff.Calls);
        Assert.Contains("unit reports 1.12.0.53  ok", output);
        // The network deployment nanoff was given names the bundle's certificate store and CA bundle.
        using var network = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "network-deployment.json")));
        Assert.Equal(Path.Combine(bundle, "device-certificates.pem"), network.RootElement.GetProperty("DeviceCertificatesPath").GetString());
        Assert.Equal(Path.Combine(bundle, "ca-bundle.pem"), network.RootElement.GetProperty("CACertificatesPath").GetString());
    }

    private sealed class NoPrompt : IPinPrompt
    {
        public int Read(string prompt, byte[] pin) => -1;
    }
}
