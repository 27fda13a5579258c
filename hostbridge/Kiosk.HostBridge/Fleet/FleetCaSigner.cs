using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Hosting;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Signs device certificates from a CSR with the fleet CA key (configured file, else the development PKI's key).</summary>
public sealed class FleetCaSigner(BridgePaths paths, IOptions<FleetOptions> options, TimeProvider clock)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly Lazy<X509Certificate2?> _ca = new(() => LoadCa(paths, options.Value));

    /// <summary>True when a CA key is available, so enrolment can issue certificates.</summary>
    public bool CanIssue => _ca.Value is not null;

    /// <summary>The CA bundle (PEM) devices trust for the bridge's server certificate.</summary>
    public string CaBundlePem => paths.FleetCa.ExportCertificatePem();

    /// <summary>Checks a PEM PKCS#10 request (signature, key type and size); returns null and the reason when unacceptable.</summary>
    public static CertificateRequest? ParseCsr(string pem, out string? reason)
    {
        reason = null;
        CertificateRequest csr;
        try
        {
            // Load validates the proof-of-possession signature of the request.
            csr = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default,
                RSASignaturePadding.Pkcs1);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or NotSupportedException)
        {
            // NotSupportedException (PlatformNotSupportedException among them): a signature algorithm .NET does not know (found by
            // the fleet fuzzer's long run: it was a 500).
            reason = "The CSR is not a valid, self-signed PKCS#10 request in PEM.";
            return null;
        }
        reason = "The CSR key must be ECDSA P-256 or RSA of at least 2048 bits.";
        try
        {
            using var ec = csr.PublicKey.GetECDsaPublicKey();
            using var rsa = csr.PublicKey.GetRSAPublicKey();
            if (ec is not null && ec.KeySize == 256) return Accept(csr, ref reason);
            if (rsa is not null && rsa.KeySize >= 2048) return Accept(csr, ref reason);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            // A curve OID OpenSSL does not know (found by the fleet fuzzer: it was a 500): the key is not one we accept.
        }
        return null;
    }

    private static CertificateRequest Accept(CertificateRequest csr, ref string? reason)
    {
        reason = null;
        return csr;
    }

    /// <summary>Issues a client-auth device certificate for <paramref name="deviceId"/> over the CSR's public key.</summary>
    public X509Certificate2 Issue(CertificateRequest csr, string deviceId) => Issue(csr.PublicKey, deviceId);

    /// <summary>Issues a client-auth device certificate over a public key the device already holds (renewal re-certifies the same key).</summary>
    public X509Certificate2 Issue(PublicKey publicKey, string deviceId)
    {
        var ca = _ca.Value ?? throw new InvalidOperationException("No fleet CA key configured (Fleet:CaKeyFile).");
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + deviceId + ", O=Kiosk fleet"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        if (serial[0] == 0) serial[0] = 1;
        var now = clock.GetUtcNow();
        var notAfter = now.AddDays(options.Value.DeviceCertificateDays);
        // An explicit generator: the device key type (RSA or EC) may differ from the CA's, which Create(issuerCertificate) rejects.
        var generator = ca.GetECDsaPrivateKey() is { } ec ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA(ca.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1);
        return request.Create(ca.SubjectName, generator, now.AddMinutes(-5), notAfter < ca.NotAfter ? notAfter : ca.NotAfter, serial);
    }

    private static X509Certificate2? LoadCa(BridgePaths paths, FleetOptions options)
    {
        var keyFile = options.CaKeyFile is { Length: > 0 } f ? f : paths.DevPki?.CaKey;
        if (keyFile is null || !File.Exists(keyFile)) return null;
        var pem = File.ReadAllText(keyFile);
        var ca = paths.FleetCa;
        if (ca.GetECDsaPublicKey() is not null)
        {
            var key = ECDsa.Create(); // owned by the returned certificate for the process lifetime
            key.ImportFromPem(pem);
            return ca.CopyWithPrivateKey(key);
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return ca.CopyWithPrivateKey(rsa);
    }
}
