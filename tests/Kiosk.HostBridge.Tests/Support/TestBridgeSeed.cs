using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>What every test bridge starts from: the test PKI's trust files, and two stores with the PKI's devices enrolled.</summary>
public static class TestBridgeSeed
{
    /// <summary>Where <see cref="WritePki"/> puts the fleet CA, the server's PKCS#12 and the JPKI CA in <paramref name="folder"/>.</summary>
    public static (string FleetCaPem, string ServerPfx, string JpkiCaPem) PkiFiles(string folder)
        => (Path.Combine(folder, "fleet-ca.pem"), Path.Combine(folder, "server.pfx"), Path.Combine(folder, "jpki-ca.pem"));

    /// <summary>Writes the fleet CA, a server certificate for localhost/127.0.0.1 issued by it, and the JPKI CA; returns their paths.</summary>
    public static (string FleetCaPem, string ServerPfx, string JpkiCaPem) WritePki(TestPki pki, string folder)
    {
        var files = PkiFiles(folder);
        File.WriteAllText(files.FleetCaPem, pki.FleetCa.ExportCertificatePem());
        using (var server = DevPki.FleetCertificates.IssueServer(pki.FleetCa, ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow.AddDays(-1),
                   DateTimeOffset.UtcNow.AddYears(1)))
        {
            File.WriteAllBytes(files.ServerPfx, server.Export(X509ContentType.Pkcs12));
        }
        File.WriteAllText(files.JpkiCaPem, pki.JpkiCa.ExportCertificatePem());
        return files;
    }

    /// <summary>A JPKI CRL that is current for the next hours (lists the revoked card).</summary>
    public static byte[] CurrentCrl(TestPki pki) => pki.JpkiCrl(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(6));

    /// <summary>Migrates, adds store-1 and store-2, enrols the PKI's devices alternately in them and revokes the revoked one.</summary>
    /// <remarks>Run before the bridge listens, so the first handshake already knows the devices.</remarks>
    public static async Task SeedAsync(IServiceProvider services, TestPki pki)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        var registry = services.GetRequiredService<DeviceRegistry>();
        await registry.UpsertStoreAsync("store-1", "131016", "Test store 1", CancellationToken.None);
        await registry.UpsertStoreAsync("store-2", "131016", "Test store 2", CancellationToken.None);
        var store = 0;
        foreach (var device in pki.EnrolledDevices)
        {
            await registry.EnrollAsync(device.GetNameInfo(X509NameType.SimpleName, false), store++ % 2 == 0 ? "store-1" : "store-2", device.SerialNumber,
                device.NotAfter.ToUniversalTime(), CancellationToken.None);
        }
        await registry.RevokeAsync(pki.RevokedDevice.SerialNumber, "test", CancellationToken.None);
    }
}
