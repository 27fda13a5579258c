using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.Firmware.Core.Fleet;

namespace Kiosk.Kioskctl.Commands.Renew;

/// <summary>A provisioned bundle as <c>kioskctl renew</c> needs it: the device certificate with its key, the fleet CA and the bridge
/// URL; stores a renewed certificate back into the bundle (device.crt.pem and the nanoff device store), keeping the previous one.</summary>
public sealed class RenewalBundle : IDeviceCredentialStore
{
    private readonly string _folder;
    private readonly string _keyPem;

    private RenewalBundle(string folder, string keyPem, X509Certificate2 device, X509Certificate2 fleetCa, Uri bridgeUrl, string deviceId)
    {
        _folder = folder;
        _keyPem = keyPem;
        Device = device;
        FleetCa = fleetCa;
        BridgeUrl = bridgeUrl;
        DeviceId = deviceId;
    }

    /// <summary>The certificate (with its key) the next connection presents.</summary>
    public X509Certificate2 Device { get; private set; }

    /// <summary>The CA the bridge's server certificate must chain to.</summary>
    public X509Certificate2 FleetCa { get; }

    /// <summary>The bridge's kiosk URL from device-config.json.</summary>
    public Uri BridgeUrl { get; }

    /// <summary>The device id from device-config.json.</summary>
    public string DeviceId { get; }

    /// <inheritdoc />
    public string CurrentSerial => Device.SerialNumber;

    /// <summary>Reads the bundle; throws <see cref="InvalidDataException"/> naming the missing or unreadable file.</summary>
    public static RenewalBundle Load(string folder)
    {
        string Need(string name)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) throw new InvalidDataException("the bundle " + folder + " has no " + name + " (write one with kioskctl provision)");
            return File.ReadAllText(path);
        }
        try
        {
            using var config = JsonDocument.Parse(Need("device-config.json"));
            string Field(string name) => config.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s : throw new InvalidDataException("device-config.json in " + folder + " has no " + name);
            if (!Uri.TryCreate(Field("bridgeUrl"), UriKind.Absolute, out var bridge) || bridge.Scheme != Uri.UriSchemeHttps)
                throw new InvalidDataException("device-config.json in " + folder + ": bridgeUrl must be an https:// URL");
            var keyPem = Need("device.key.pem");
            var device = WithKey(Need("device.crt.pem"), keyPem);
            var ca = X509Certificate2.CreateFromPem(Need("ca-bundle.pem"));
            return new RenewalBundle(folder, keyPem, device, ca, bridge, Field("deviceId"));
        }
        catch (Exception e) when (e is JsonException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException("the bundle " + folder + " cannot be read: " + e.Message, e);
        }
    }

    /// <inheritdoc />
    /// <remarks>The key never changes: a certificate that is not for the bundle's key, or whose serial differs, is refused. Each file
    /// is written to a temporary owner-only file and moved into place, so a crash leaves the old certificate, never half a new one.</remarks>
    public bool StoreCertificate(string certificatePem, string serial)
    {
        try
        {
            var renewed = WithKey(certificatePem, _keyPem);
            if (!string.Equals(renewed.SerialNumber, serial, StringComparison.OrdinalIgnoreCase)) return false;
            var current = Path.Combine(_folder, "device.crt.pem");
            Replace(Path.Combine(_folder, "device.crt.previous.pem"), File.ReadAllText(current));
            Replace(current, certificatePem.TrimEnd() + "\n");
            Replace(Path.Combine(_folder, "device-certificates.pem"), certificatePem.TrimEnd() + "\n" + _keyPem);
            Device = renewed;
            return true;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static X509Certificate2 WithKey(string certificatePem, string keyPem)
    {
        using var pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // Re-imported so SslStream can use the key on every platform (an ephemeral PEM key cannot be, on some).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static void Replace(string path, string text)
    {
        var temp = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temp, path, overwrite: true);
    }
}
