using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.Kioskctl.Cli;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary><c>kioskctl renew</c> on a bundle written by <c>kioskctl provision</c>, against a real bridge over the bundle's own mutual TLS.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenewCommandTests(FleetFixture fixture) : IClassFixture<FleetFixture>, IDisposable
{
    private readonly TempFolder _work = new("kiosk-renew-");

    public void Dispose() => _work.Dispose();

    private static async Task<(int Code, string Out, string Err)> KioskctlAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, new MemoryStream(), new NoPrompt());
        var code = await Task.Run(() => CommandTable.Default().Run(args, context));
        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> ProvisionedBundleAsync()
    {
        Directory.CreateDirectory(_work.Path);
        var caFile = Path.Combine(_work.Path, "fleet-ca.pem");
        await File.WriteAllTextAsync(caFile, fixture.Pki.FleetCa.ExportCertificatePem());
        var nanoff = Path.Combine(_work.Path, "nanoff");
        await File.WriteAllTextAsync(nanoff, "#!/bin/sh\n");
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var bundle = Path.Combine(_work.Path, "bundle");
        var (code, _, error) = await KioskctlAsync("provision", "--store", "store-1", "--token", await fixture.CreateTokenAsync(admin, "store-1"),
            "--bridge", fixture.Bridge.FleetUri!.ToString(), "--port", "/dev/ttyUSB0", "--out", bundle, "--bridge-ca", caFile, "--nanoff", nanoff, "--dry-run");
        Assert.True(code == ExitCode.Ok, error);
        return bundle;
    }

    private static X509Certificate2 DeviceOf(string bundle) =>
        X509CertificateLoader.LoadPkcs12(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(bundle, "device.crt.pem")),
            File.ReadAllText(Path.Combine(bundle, "device.key.pem"))).Export(X509ContentType.Pkcs12), null);

    [Fact]
    public async Task Renew_says_not_due_then_renews_a_flagged_bundle_with_the_same_key()
    {
        var bundle = await ProvisionedBundleAsync();
        var kiosk = fixture.Bridge.KioskUri.ToString();
        var firstPem = File.ReadAllText(Path.Combine(bundle, "device.crt.pem"));
        var keyPem = File.ReadAllText(Path.Combine(bundle, "device.key.pem"));
        using var first = DeviceOf(bundle);

        var (notDue, notDueOut, notDueErr) = await KioskctlAsync("renew", "--bundle", bundle, "--bridge", kiosk);
        Assert.True(notDue == ExitCode.Ok, notDueErr);
        Assert.Contains("not due", notDueOut);
        Assert.Equal(firstPem, File.ReadAllText(Path.Combine(bundle, "device.crt.pem")));
        Assert.False(File.Exists(Path.Combine(bundle, "device.crt.previous.pem")));

        var deviceId = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "device-config.json"))).RootElement.GetProperty("deviceId").GetString()!;
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (flagged, _) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/renew");
        Assert.Equal(HttpStatusCode.OK, flagged);

        var (code, output, error) = await KioskctlAsync("renew", "--bundle", bundle, "--bridge", kiosk);
        Assert.True(code == ExitCode.Ok, error);
        Assert.Contains("renewed: device " + deviceId, output);
        using var renewed = DeviceOf(bundle);
        Assert.NotEqual(first.SerialNumber, renewed.SerialNumber);
        Assert.Contains(renewed.SerialNumber, output);
        Assert.Equal(first.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo(), renewed.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo());
        Assert.Equal(keyPem, File.ReadAllText(Path.Combine(bundle, "device.key.pem")));
        Assert.Equal(firstPem, File.ReadAllText(Path.Combine(bundle, "device.crt.previous.pem")));
        // The nanoff device store carries the new certificate with the same key; every bundle file stays owner-only.
        var store = File.ReadAllText(Path.Combine(bundle, "device-certificates.pem"));
        Assert.StartsWith(File.ReadAllText(Path.Combine(bundle, "device.crt.pem")).TrimEnd(), store);
        Assert.EndsWith(keyPem, store);
        Assert.All(Directory.GetFiles(bundle), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.Empty(Directory.GetFiles(bundle, "*.new"));

        // The renewed certificate opens the kiosk port, and the bridge no longer asks for a renewal.
        Assert.Equal(HttpStatusCode.OK, (await Wire.GetAsync(fixture.Bridge.Client(renewed), "/v1/certificate")).Status);
        var (again, againOut, againErr) = await KioskctlAsync("renew", "--bundle", bundle, "--bridge", kiosk);
        Assert.True(again == ExitCode.Ok, againErr);
        Assert.Contains("not due", againOut);
    }

    [Fact]
    public async Task Renew_names_what_is_wrong_with_distinct_exit_codes()
    {
        var (usage, _, usageErr) = await KioskctlAsync("renew");
        Assert.Equal(ExitCode.Usage, usage);
        Assert.Contains("--bundle", usageErr);

        Directory.CreateDirectory(Path.Combine(_work.Path, "empty"));
        var (unreadable, _, unreadableErr) = await KioskctlAsync("renew", "--bundle", Path.Combine(_work.Path, "empty"));
        Assert.Equal(ExitCode.BundleUnreadable, unreadable);
        Assert.Contains("device-config.json", unreadableErr);

        var bundle = await ProvisionedBundleAsync();
        var (plain, _, plainErr) = await KioskctlAsync("renew", "--bundle", bundle, "--bridge", "http://127.0.0.1:1");
        Assert.Equal(ExitCode.Usage, plain);
        Assert.Contains("https://", plainErr);

        // Port 1 on loopback: nothing listens.
        var (down, _, downErr) = await KioskctlAsync("renew", "--bundle", bundle, "--bridge", "https://127.0.0.1:1");
        Assert.Equal(ExitCode.BridgeUnreachable, down);
        Assert.Contains("cannot reach the bridge", downErr);
        Assert.False(File.Exists(Path.Combine(bundle, "device.crt.previous.pem")));
    }

    private sealed class NoPrompt : IPinPrompt
    {
        public int Read(string prompt, byte[] pin) => -1;
    }
}
