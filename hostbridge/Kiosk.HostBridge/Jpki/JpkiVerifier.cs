using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.HostBridge.Jpki;

/// <summary>Checks that the card holder answered this challenge: signature, chain to a JPKI anchor, validity now, fresh CRL.</summary>
public sealed class JpkiVerifier(JpkiTrustAnchors anchors, CrlCache crls, TimeProvider clock)
{
    /// <summary>Verifies; on success returns the certificate serial (hex) and issuer DN, otherwise a problem code.</summary>
    public async Task<JpkiVerification> VerifyAsync(byte[] certificateDer, byte[] signature, byte[] challenge, CancellationToken ct)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        }
        catch (CryptographicException)
        {
            return JpkiVerification.Refused("certificate-untrusted");
        }
        using (certificate)
        {
            // The loader ignores bytes after the certificate; a card answers exactly one DER certificate, so anything else is refused.
            if (!certificate.RawData.AsSpan().SequenceEqual(certificateDer)) return JpkiVerification.Refused("certificate-untrusted");
            RSA? rsa;
            try
            {
                rsa = certificate.GetRSAPublicKey();
            }
            catch (CryptographicException)
            {
                // A certificate that parses but carries an undecodable key (found by the fuzzer) is refused, not a 500.
                return JpkiVerification.Refused("certificate-untrusted");
            }
            using (rsa)
            {
                if (rsa is null || !rsa.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                    return JpkiVerification.Refused("signature-invalid");
            }

            using var owned = new Devices.OwnedChain();
            var chain = owned.Chain;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors.Certificates);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation comes from our own cached CRL below
            chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            if (!chain.Build(certificate))
            {
                var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status);
                var untrusted = flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested);
                return JpkiVerification.Refused(untrusted == X509ChainStatusFlags.NoError ? "certificate-expired" : "certificate-untrusted");
            }
            if (chain.ChainElements.Count < 2) return JpkiVerification.Refused("certificate-untrusted"); // a card cert is never itself an anchor

            var issuingCa = chain.ChainElements[1].Certificate;
            var crl = await crls.GetFreshAsync(issuingCa, ct);
            if (crl is null) return JpkiVerification.Refused("crl-unavailable");
            var serial = new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
            if (crl.IsRevoked(serial)) return JpkiVerification.Refused("certificate-revoked");

            return new JpkiVerification(null, Privacy.SerialHasher.Normalise(certificate.SerialNumber), certificate.Issuer);
        }
    }
}

/// <summary>Outcome of <see cref="JpkiVerifier.VerifyAsync"/>: a problem code, or the serial and issuer of a good card.</summary>
public sealed record JpkiVerification(string? Problem, string? SerialHex, string? IssuerDn)
{
    /// <summary>A refusal with its problem code.</summary>
    public static JpkiVerification Refused(string problem) => new(problem, null, null);
}
