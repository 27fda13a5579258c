using System.Security.Cryptography.X509Certificates;

namespace Kiosk.Kioskctl.Commands.Card;

/// <summary>Prints the fields a technician checks on the auth certificate (no personal data: the auth cert carries none).</summary>
public static class CertificateSummary
{
    /// <summary>Writes subject, issuer, serial, validity and key of <paramref name="certificate"/>.</summary>
    public static void Write(TextWriter output, X509Certificate2 certificate)
    {
        output.WriteLine("subject:     " + certificate.Subject);
        output.WriteLine("issuer:      " + certificate.Issuer);
        output.WriteLine("serial:      " + certificate.SerialNumber);
        output.WriteLine("valid from:  " + certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss") + "Z");
        output.WriteLine("valid until: " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss") + "Z");
        output.WriteLine("key:         " + KeyDescription(certificate));
    }

    /// <summary>"RSA-2048" or "ECDSA P-384" etc.</summary>
    public static string KeyDescription(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return "RSA-" + rsa.KeySize;
        }

        using var ec = certificate.GetECDsaPublicKey();
        return ec is not null ? "ECDSA " + ec.KeySize : certificate.PublicKey.Oid.FriendlyName ?? "unknown";
    }
}
