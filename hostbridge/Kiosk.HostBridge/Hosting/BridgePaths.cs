using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.DevPki;

namespace Kiosk.HostBridge.Hosting;

/// <summary>Resolved files: data folder, fleet CA, server certificate, and the development PKI when it is in use.</summary>
public sealed class BridgePaths
{
    /// <summary>Absolute data folder.</summary>
    public required string DataDir { get; init; }

    /// <summary>The fleet CA certificate the handshake trusts.</summary>
    public required X509Certificate2 FleetCa { get; init; }

    /// <summary>The TLS server certificate with its key.</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>The development PKI, when the configured certificates were not given.</summary>
    public DevPkiFiles? DevPki { get; init; }

    /// <summary>Resolves (and in development generates) the PKI files.</summary>
    public static BridgePaths Resolve(BridgeOptions options, string contentRoot, TimeProvider clock)
    {
        var dataDir = Path.GetFullPath(Path.Combine(contentRoot, options.DataDir));
        Directory.CreateDirectory(dataDir);
        DevPkiFiles? dev = null;
        string caPath, serverPath;
        string? serverPassword = options.Pki.ServerCertificatePassword;
        if (options.Pki.FleetCaCertificate is { Length: > 0 } ca && options.Pki.ServerCertificate is { Length: > 0 } server)
        {
            caPath = Path.GetFullPath(Path.Combine(contentRoot, ca));
            serverPath = Path.GetFullPath(Path.Combine(contentRoot, server));
        }
        else if (options.Pki.GenerateDevPki)
        {
            dev = new DevPkiFiles(Path.Combine(dataDir, "pki"));
            dev.EnsureCreated(clock);
            caPath = dev.CaCertificate;
            serverPath = dev.ServerPfx;
            serverPassword = null;
        }
        else
        {
            throw new InvalidOperationException("Bridge:Pki:FleetCaCertificate and Bridge:Pki:ServerCertificate are required when GenerateDevPki is off.");
        }
        return new BridgePaths
        {
            DataDir = dataDir,
            FleetCa = X509Certificate2.CreateFromPem(File.ReadAllText(caPath)),
            ServerCertificate = X509CertificateLoader.LoadPkcs12FromFile(serverPath, serverPassword),
            DevPki = dev,
        };
    }
}
