using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The deployment bundle <c>kioskctl provision</c> writes, read the way the board reads its config partition: device
/// certificate and key, the CA bundle it trusts for the bridge, and the device config (bridge URL, store, device id).</summary>
public sealed class DeviceBundle
{
    private DeviceBundle(X509Certificate2 device, X509Certificate2 ca, Uri bridge, string storeId, string deviceId)
    {
        DeviceCertificate = device;
        FleetCa = ca;
        BridgeUrl = bridge;
        StoreId = storeId;
        DeviceId = deviceId;
    }

    /// <summary>The device certificate with its private key.</summary>
    public X509Certificate2 DeviceCertificate { get; }

    /// <summary>The CA the bridge's server certificate must chain to.</summary>
    public X509Certificate2 FleetCa { get; }

    /// <summary>The bridge's kiosk (mutual TLS) URL.</summary>
    public Uri BridgeUrl { get; }

    /// <summary>The store the device was enrolled for.</summary>
    public string StoreId { get; }

    /// <summary>The device id (its certificate's CN).</summary>
    public string DeviceId { get; }

    /// <summary>Reads a bundle folder; throws <see cref="InvalidOperationException"/> naming the missing or unreadable file.</summary>
    public static DeviceBundle Load(string folder)
    {
        string Need(string name)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) throw new InvalidOperationException("the bundle " + folder + " has no " + name + " (write it with kioskctl provision)");
            return File.ReadAllText(path);
        }
        try
        {
            using var config = JsonDocument.Parse(Need("device-config.json"));
            string Field(string name) => config.RootElement.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s ? s
                : throw new InvalidOperationException("device-config.json in " + folder + " has no " + name);
            if (!Uri.TryCreate(Field("bridgeUrl"), UriKind.Absolute, out var bridge) || bridge.Scheme != Uri.UriSchemeHttps)
                throw new InvalidOperationException("device-config.json in " + folder + ": bridgeUrl must be an https:// URL");
            using var pem = X509Certificate2.CreateFromPem(Need("device.crt.pem"), Need("device.key.pem"));
            // Re-imported so the key is usable by SslStream on every platform (an ephemeral PEM key is not, on some).
            var device = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var ca = X509Certificate2.CreateFromPem(Need("ca-bundle.pem"));
            return new DeviceBundle(device, ca, bridge, Field("storeId"), Field("deviceId"));
        }
        catch (Exception e) when (e is JsonException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException("the bundle " + folder + " cannot be read: " + e.Message, e);
        }
    }
}
