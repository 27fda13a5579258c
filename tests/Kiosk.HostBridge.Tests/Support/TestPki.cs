using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.DevPki;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>
/// Every certificate the tests need, made at run time: the fleet CA and devices (valid, expired, to-be-revoked, unenrolled,
/// from an unknown CA), and a test JPKI authentication CA with card certificates (valid, expired, revoked, from an unknown CA).
/// </summary>
public sealed class TestPki : IDisposable
{
    private static readonly Lazy<TestPki> SharedPki = new(() => new TestPki(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One PKI for the whole run: RSA key generation is the slowest part of setting up a test.</summary>
    public static TestPki Shared => SharedPki.Value;

    public TestPki()
    {
        var now = DateTimeOffset.UtcNow;
        FleetCa = FleetCertificates.CreateCa("Test fleet CA", now.AddDays(-30), now.AddYears(2));
        RogueCa = FleetCertificates.CreateCa("Rogue fleet CA", now.AddDays(-30), now.AddYears(2));
        Device = FleetCertificates.IssueDevice(FleetCa, "term-a", now.AddDays(-1), now.AddYears(1));
        OtherDevice = FleetCertificates.IssueDevice(FleetCa, "term-b", now.AddDays(-1), now.AddYears(1));
        ExpiredDevice = FleetCertificates.IssueDevice(FleetCa, "term-expired", now.AddDays(-20), now.AddDays(-10));
        RevokedDevice = FleetCertificates.IssueDevice(FleetCa, "term-revoked", now.AddDays(-1), now.AddYears(1));
        UnenrolledDevice = FleetCertificates.IssueDevice(FleetCa, "term-unenrolled", now.AddDays(-1), now.AddYears(1));
        RogueDevice = FleetCertificates.IssueDevice(RogueCa, "term-a", now.AddDays(-1), now.AddYears(1));

        JpkiCa = CreateRsaCa("CN=Test JPKI for user authentication, OU=JPKI for user authentication, O=JPKI, C=JP", now);
        RogueJpkiCa = CreateRsaCa("CN=Rogue JPKI, O=Nobody, C=JP", now);
        Card = IssueCard(JpkiCa, now.AddDays(-10), now.AddYears(3));
        SecondCard = IssueCard(JpkiCa, now.AddDays(-10), now.AddYears(3));
        ExpiredCard = IssueCard(JpkiCa, now.AddDays(-400), now.AddDays(-1));
        RevokedCard = IssueCard(JpkiCa, now.AddDays(-10), now.AddYears(3));
        RogueCard = IssueCard(RogueJpkiCa, now.AddDays(-10), now.AddYears(3));
    }

    public X509Certificate2 FleetCa { get; }
    public X509Certificate2 RogueCa { get; }
    public X509Certificate2 Device { get; }
    public X509Certificate2 OtherDevice { get; }
    public X509Certificate2 ExpiredDevice { get; }
    public X509Certificate2 RevokedDevice { get; }
    public X509Certificate2 UnenrolledDevice { get; }
    public X509Certificate2 RogueDevice { get; }
    public X509Certificate2 JpkiCa { get; }
    public X509Certificate2 RogueJpkiCa { get; }
    public TestCard Card { get; }
    public TestCard SecondCard { get; }
    public TestCard ExpiredCard { get; }
    public TestCard RevokedCard { get; }
    public TestCard RogueCard { get; }

    /// <summary>Devices the fixture enrols (the unenrolled and rogue ones are left out on purpose).</summary>
    public IEnumerable<X509Certificate2> EnrolledDevices => [Device, OtherDevice, ExpiredDevice, RevokedDevice];

    private static X509Certificate2 CreateRsaCa(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddYears(-2), now.AddYears(8));
    }

    public static TestCard IssueCard(X509Certificate2 ca, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = RSA.Create(2048);
        // Like the JPKI user-authentication certificate: no name, address or birth date in the subject.
        var request = new CertificateRequest("CN=" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + ", C=JP", key,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        var certificate = request.Create(ca, notBefore, notAfter, serial);
        return new TestCard(certificate, key);
    }

    /// <summary>A DER CRL of the JPKI CA listing the revoked card, with the given next update.</summary>
    public byte[] JpkiCrl(DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, X509Certificate2? issuer = null, params TestCard[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var card in revoked.Length == 0 ? [RevokedCard] : revoked)
            builder.AddEntry(card.Certificate, thisUpdate.AddMinutes(-1), X509RevocationReason.KeyCompromise);
        return builder.Build(issuer ?? JpkiCa, BigInteger.One, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    /// <summary>True when a server presented a certificate that chains to the test fleet CA (what a terminal or console client trusts).</summary>
    public bool IsFleetServerCertificate(X509Certificate? certificate)
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(FleetCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    public void Dispose()
    {
        foreach (var c in new[] { FleetCa, RogueCa, Device, OtherDevice, ExpiredDevice, RevokedDevice, UnenrolledDevice, RogueDevice, JpkiCa, RogueJpkiCa })
            c.Dispose();
    }
}

/// <summary>A virtual card for tests: the auth certificate and the RSA key that signs challenges (PKCS#1 v1.5, SHA-256).</summary>
public sealed record TestCard(X509Certificate2 Certificate, RSA Key)
{
    /// <summary>The serial as the bridge normalises it.</summary>
    public string SerialHex => Kiosk.HostBridge.Privacy.SerialHasher.Normalise(Certificate.SerialNumber);

    /// <summary>What the card returns for SIGN over DigestInfo(SHA-256(challenge)).</summary>
    public byte[] Sign(byte[] challenge) => Key.SignData(challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
