using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>What the test PKI issued to one resident: certificates and the private keys the emulated card holds.</summary>
public sealed class ResidentCredentials
{
    internal ResidentCredentials(ResidentProfile profile, byte[] authCertificateDer, RSAParameters authKey, byte[]? signCertificateDer, RSAParameters? signKey)
    {
        Profile = profile;
        AuthCertificateDer = authCertificateDer;
        AuthKey = authKey;
        SignCertificateDer = signCertificateDer;
        SignKey = signKey;
        AuthCertificate = X509CertificateLoader.LoadCertificate(authCertificateDer);
        SignCertificate = signCertificateDer is null ? null : X509CertificateLoader.LoadCertificate(signCertificateDer);
    }

    /// <summary>The resident the credentials belong to.</summary>
    public ResidentProfile Profile { get; }
    /// <summary>User-authentication certificate (EF 000A); carries no personal data.</summary>
    public X509Certificate2 AuthCertificate { get; }
    /// <summary>DER bytes of <see cref="AuthCertificate"/>, exactly as the card serves them.</summary>
    public byte[] AuthCertificateDer { get; }
    /// <summary>Private key of the auth certificate (card key EF 0017).</summary>
    public RSAParameters AuthKey { get; }
    /// <summary>Signing certificate (EF 0001), null for residents under 15.</summary>
    public X509Certificate2? SignCertificate { get; }
    /// <summary>DER bytes of <see cref="SignCertificate"/>.</summary>
    public byte[]? SignCertificateDer { get; }
    /// <summary>Private key of the signing certificate (card key EF 001A).</summary>
    public RSAParameters? SignKey { get; }
    /// <summary>Serial of the auth certificate, upper-case hex without leading zero bytes (see <see cref="JpkiTestPki.AuthSerialFor(string,string)"/>).</summary>
    public string AuthSerial => AuthCertificate.SerialNumber;

    /// <summary>Signs <paramref name="data"/> with the auth key (SHA-256, PKCS#1 v1.5), as the card does after VERIFY.</summary>
    public byte[] SignWithAuthKey(byte[] data)
    {
        using var rsa = RSA.Create(AuthKey);
        return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The auth certificate with its private key attached (e.g. for a TLS client or CMS test).</summary>
    public X509Certificate2 AuthCertificateWithKey()
    {
        using var rsa = RSA.Create(AuthKey);
        return AuthCertificate.CopyWithPrivateKey(rsa);
    }
}
