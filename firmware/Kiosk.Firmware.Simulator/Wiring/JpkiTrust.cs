#if HAS_JPKI_PKI
using System.Text.Json;
using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The test JPKI PKI's public side in the data folder: the bridge's trust anchor and CRL, and the municipality's card map.</summary>
internal sealed class JpkiTrust
{
    private JpkiTrust(JpkiTestPki pki, string folder)
    {
        Pki = pki;
        AuthCaPem = Path.Combine(folder, "auth-ca.pem");
        AuthCrlDer = Path.Combine(folder, "auth-ca.crl.der");
        CardMap = Path.Combine(folder, "card-map.json");
    }

    /// <summary>The deterministic test PKI (default seed) over the emulator's shipped residents.</summary>
    public JpkiTestPki Pki { get; }

    /// <summary>The user-authentication CA certificate (PEM): the bridge's JPKI trust anchor.</summary>
    public string AuthCaPem { get; }

    /// <summary>The auth CA's CRL (DER): the bridge's revocation source.</summary>
    public string AuthCrlDer { get; }

    /// <summary>Auth-certificate serial → profile id, for the municipality to find its residents.</summary>
    public string CardMap { get; }

    /// <summary>Writes the files (public material only; the card keys stay inside the emulator).</summary>
    public static JpkiTrust Export(string folder)
    {
        var pki = JpkiTestPki.Create();
        pki.Export(folder, includeResidents: false);
        var trust = new JpkiTrust(pki, folder);
        var cards = pki.Profiles.Residents
            .Where(p => p.IsMyNumberCard)
            .Select(p => new { serial = pki.AuthSerialFor(p.Id), profileId = p.Id })
            .ToArray();
        File.WriteAllText(trust.CardMap, JsonSerializer.Serialize(new { cards }, new JsonSerializerOptions { WriteIndented = true }));
        return trust;
    }
}
#endif
