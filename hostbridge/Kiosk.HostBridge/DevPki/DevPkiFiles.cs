using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.HostBridge.DevPki;

/// <summary>The development PKI in a data folder: fleet CA (with its key, development only), a localhost server certificate, one device.</summary>
public sealed record DevPkiFiles(string Folder)
{
    /// <summary>Device id of the generated development terminal.</summary>
    public const string DevDeviceId = "dev-terminal-0001";

    /// <summary>Fleet CA certificate (PEM).</summary>
    public string CaCertificate => Path.Combine(Folder, "fleet-ca.pem");

    /// <summary>Fleet CA private key (PEM, 0600; development only — a real fleet keeps it offline).</summary>
    public string CaKey => Path.Combine(Folder, "fleet-ca.key.pem");

    /// <summary>Server certificate with key (PKCS#12, no password).</summary>
    public string ServerPfx => Path.Combine(Folder, "server.pfx");

    /// <summary>Development device certificate with key (PKCS#12, no password).</summary>
    public string DevicePfx => Path.Combine(Folder, DevDeviceId + ".pfx");

    /// <summary>Creates any missing file; returns true when something was generated.</summary>
    public bool EnsureCreated(TimeProvider clock)
    {
        if (File.Exists(CaCertificate) && File.Exists(CaKey) && File.Exists(ServerPfx) && File.Exists(DevicePfx)) return false;
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        using var ca = FleetCertificates.CreateCa("Kiosk dev fleet CA", now.AddMinutes(-5), now.AddYears(5));
        using var server = FleetCertificates.IssueServer(ca, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], now.AddMinutes(-5),
            now.AddYears(2));
        using var device = FleetCertificates.IssueDevice(ca, DevDeviceId, now.AddMinutes(-5), now.AddYears(2));
        File.WriteAllText(CaCertificate, ca.ExportCertificatePem());
        WriteSecret(CaKey, System.Text.Encoding.ASCII.GetBytes(ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
        WriteSecret(ServerPfx, server.Export(X509ContentType.Pkcs12));
        WriteSecret(DevicePfx, device.Export(X509ContentType.Pkcs12));
        return true;
    }

    private static void WriteSecret(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Loads the development device certificate.</summary>
    public X509Certificate2 LoadDevice() => X509CertificateLoader.LoadPkcs12FromFile(DevicePfx, null);

    /// <summary>Loads the fleet CA with its key (to issue more development devices).</summary>
    public X509Certificate2 LoadCaWithKey()
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(CaCertificate));
        var key = ECDsa.Create(); // owned by the returned certificate
        key.ImportFromPem(File.ReadAllText(CaKey));
        return cert.CopyWithPrivateKey(key);
    }
}
