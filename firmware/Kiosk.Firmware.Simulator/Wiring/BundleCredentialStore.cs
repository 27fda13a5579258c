#if HAS_TERMINAL
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Fleet;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The simulated board's credential store: a renewed certificate replaces device.crt.pem in the bundle folder (the
/// previous one is kept as device.crt.previous.pem) and the link presents it from the next connection on.</summary>
public sealed class BundleCredentialStore(string folder, BundleStreamFactory link) : IDeviceCredentialStore
{
    /// <inheritdoc />
    public string CurrentSerial => link.Certificate.SerialNumber;

    /// <inheritdoc />
    public bool StoreCertificate(string certificatePem, string serial)
    {
        try
        {
            using var renewed = X509Certificate2.CreateFromPem(certificatePem);
            if (!string.Equals(renewed.SerialNumber, serial, StringComparison.OrdinalIgnoreCase)) return false;
            // The key never changes: the renewed certificate must be for the key the board holds.
            using var key = link.Certificate.GetECDsaPrivateKey();
            using var withKey = key is not null ? renewed.CopyWithPrivateKey(key) : renewed.CopyWithPrivateKey(link.Certificate.GetRSAPrivateKey()!);
            var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            var current = Path.Combine(folder, "device.crt.pem");
            File.Copy(current, Path.Combine(folder, "device.crt.previous.pem"), overwrite: true);
            var temp = current + ".new";
            File.WriteAllText(temp, certificatePem);
            File.Move(temp, current, overwrite: true); // a crash mid-write leaves the old certificate, never half of one
            link.Certificate = usable;
            return true;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
#endif
