using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>
/// A test CA hierarchy shaped like J-LIS's JPKI (auth CA and signing CA, RSA-2048, SHA-256), deterministic from a seed:
/// the same seed gives the same keys, certificates and CRLs byte for byte on every machine.
/// </summary>
public sealed class JpkiTestPki
{
    /// <summary>Seed used when none is given (the CLI, the default card profiles).</summary>
    public const string DefaultSeed = "kiosk-default";

    /// <summary>Start of the test CAs' validity.</summary>
    public static readonly DateTimeOffset CaNotBefore = new(2015, 10, 20, 0, 0, 0, JpkiDates.Jst);
    /// <summary>End of the test CAs' validity (longer than J-LIS's 10 years so one generation covers all test profiles).</summary>
    public static readonly DateTimeOffset CaNotAfter = new(2035, 10, 19, 23, 59, 59, JpkiDates.Jst);
    /// <summary>thisUpdate of the default CRLs.</summary>
    public static readonly DateTimeOffset DefaultCrlThisUpdate = new(2026, 1, 1, 0, 0, 0, JpkiDates.Jst);

    private static readonly ConcurrentDictionary<string, JpkiTestPki> Instances = new();
    private readonly ConcurrentDictionary<string, Lazy<ResidentCredentials>> _residents = new();
    private readonly RSAParameters _authCaKey;
    private readonly RSAParameters _signCaKey;

    private JpkiTestPki(string seed, ProfileStore profiles)
    {
        Seed = seed;
        Profiles = profiles;
        var keys = new RSAParameters[2];
        Parallel.For(0, 2, i => keys[i] = RsaKeyCache.Get(seed, i == 0 ? "ca/auth" : "ca/sign"));
        _authCaKey = keys[0];
        _signCaKey = keys[1];
        AuthCaCertificate = X509CertificateLoader.LoadCertificate(BuildCa(_authCaKey, "JPKI for user authentication", "ca/auth"));
        SignCaCertificate = X509CertificateLoader.LoadCertificate(BuildCa(_signCaKey, "JPKI for digital signature", "ca/sign"));
        AuthCrl = BuildAuthCrl(DefaultCrlThisUpdate, CaNotAfter);
        SignCrl = BuildCrl(SignCaCertificate, _signCaKey, [], DefaultCrlThisUpdate, CaNotAfter);
    }

    /// <summary>The PKI for <paramref name="seed"/> over <paramref name="profiles"/> (default: the shipped residents); memoised per seed for the default set.</summary>
    public static JpkiTestPki Create(string seed = DefaultSeed, ProfileStore? profiles = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        if (profiles is not null && !ReferenceEquals(profiles, ProfileStore.Default)) return new JpkiTestPki(seed, profiles);
        return Instances.GetOrAdd(seed, s => new JpkiTestPki(s, ProfileStore.Default));
    }

    /// <summary>The seed everything here is derived from.</summary>
    public string Seed { get; }
    /// <summary>The residents this PKI knows (revoked ones are in <see cref="AuthCrl"/>).</summary>
    public ProfileStore Profiles { get; }
    /// <summary>User-authentication CA certificate (public only): trust anchor for the bridge; EF 000B on the card.</summary>
    public X509Certificate2 AuthCaCertificate { get; }
    /// <summary>Signing CA certificate (public only); EF 0002 on the card.</summary>
    public X509Certificate2 SignCaCertificate { get; }
    /// <summary>DER CRL of the auth CA (lists every profile whose auth certificate is revoked); valid until the CA expires.</summary>
    public byte[] AuthCrl { get; }
    /// <summary>DER CRL of the signing CA (empty).</summary>
    public byte[] SignCrl { get; }

    /// <summary>
    /// Serial of a resident's auth certificate: the first 8 bytes of SHA-256(UTF-8 "kiosk-jpki-serial|" + seed + "|auth|" + profileId),
    /// top bit cleared and bit 0x40 set, as upper-case hex (16 digits). Needs no key, so municipality tests can compute it cheaply.
    /// </summary>
    public static string AuthSerialFor(string seed, string profileId) => Convert.ToHexString(SerialBytes(seed, "auth", profileId));

    /// <summary>Serial of the auth certificate of <paramref name="profileId"/> under this PKI's seed.</summary>
    public string AuthSerialFor(string profileId) => AuthSerialFor(Seed, profileId);

    /// <summary>Serial of a resident's signing certificate (same rule with "sign" instead of "auth").</summary>
    public static string SignSerialFor(string seed, string profileId) => Convert.ToHexString(SerialBytes(seed, "sign", profileId));

    /// <summary>Credentials of the resident with this id among <see cref="Profiles"/>.</summary>
    public ResidentCredentials Resident(string profileId) => IssueResident(Profiles.Get(profileId));

    /// <summary>Issues (or returns the already issued) certificates and keys for a My Number Card profile.</summary>
    public ResidentCredentials IssueResident(ResidentProfile profile)
    {
        if (!profile.IsMyNumberCard) throw new ProfileException("profile '" + profile.Id + "' is not a My Number Card: it has no certificates");
        return _residents.GetOrAdd(profile.Id, _ => new Lazy<ResidentCredentials>(() => Issue(profile))).Value;
    }

    /// <summary>Builds an auth-CA CRL with other dates (e.g. a stale one whose nextUpdate has passed).</summary>
    public byte[] BuildAuthCrl(DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var revoked = Profiles.Residents
            .Where(p => p.IsMyNumberCard && p.AuthCertificate == AuthCertificateState.Revoked)
            .Select(p => (SerialBytes(Seed, "auth", p.Id), RevocationTime(p)))
            .ToList();
        return BuildCrl(AuthCaCertificate, _authCaKey, revoked, thisUpdate, nextUpdate);
    }

    /// <summary>Writes the trust material to <paramref name="folder"/>: CA certificates and CRLs as PEM and DER, plus every resident's certificates.</summary>
    public IReadOnlyList<string> Export(string folder, bool includeResidents = true)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Write(string name, byte[] der, string pemLabel)
        {
            var derPath = Path.Combine(folder, name + ".der");
            File.WriteAllBytes(derPath, der);
            var pemPath = Path.Combine(folder, name + ".pem");
            File.WriteAllText(pemPath, PemEncoding.WriteString(pemLabel, der) + "\n");
            written.Add(derPath);
            written.Add(pemPath);
        }
        Write("auth-ca", AuthCaCertificate.RawData, "CERTIFICATE");
        Write("sign-ca", SignCaCertificate.RawData, "CERTIFICATE");
        Write("auth-ca.crl", AuthCrl, "X509 CRL");
        Write("sign-ca.crl", SignCrl, "X509 CRL");
        if (includeResidents)
        {
            foreach (var p in Profiles.Residents.Where(p => p.IsMyNumberCard))
            {
                var c = IssueResident(p);
                Write(p.Id + ".auth", c.AuthCertificateDer, "CERTIFICATE");
                if (c.SignCertificateDer is not null) Write(p.Id + ".sign", c.SignCertificateDer, "CERTIFICATE");
            }
        }
        return written;
    }

    private ResidentCredentials Issue(ResidentProfile profile)
    {
        var labels = profile.HasSignCertificate ? new[] { "resident/" + profile.Id + "/auth", "resident/" + profile.Id + "/sign" } : ["resident/" + profile.Id + "/auth"];
        var keys = new RSAParameters[labels.Length];
        Parallel.For(0, labels.Length, i => keys[i] = RsaKeyCache.Get(Seed, labels[i]));
        var issued = profile.CertificatesIssued ?? throw new ProfileException("profile '" + profile.Id + "' has no certificatesIssued date");
        var notBefore = JpkiDates.StartOfDay(issued);
        var notAfter = JpkiDates.EndOfDay(JpkiDates.FifthBirthdayAfter(profile.BirthDate, issued));
        var authDer = BuildResidentCertificate(keys[0], "auth", profile, notBefore, notAfter);
        byte[]? signDer = null;
        RSAParameters? signKey = null;
        if (profile.HasSignCertificate)
        {
            signDer = BuildResidentCertificate(keys[1], "sign", profile, notBefore, notAfter);
            signKey = keys[1];
        }
        return new ResidentCredentials(profile, authDer, keys[0], signDer, signKey);
    }

    private byte[] BuildResidentCertificate(RSAParameters key, string kind, ResidentProfile profile, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var isAuth = kind == "auth";
        using var subjectKey = RSA.Create(key);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("JP");
        // The real subject CN is an opaque string; ours is derived from the seed so it carries no personal data.
        subject.AddCommonName(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("kiosk-jpki-cn|" + Seed + "|" + kind + "|" + profile.Id)))[..20]);
        var request = new CertificateRequest(subject.Build(), subjectKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isAuth ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = isAuth ? AuthCaCertificate : SignCaCertificate;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (!isAuth) request.CertificateExtensions.Add(new X509Extension("2.5.29.17", SignCertificateAltNames(profile), critical: false));
        using var caKey = RSA.Create(isAuth ? _authCaKey : _signCaKey);
        using var certificate = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1),
            notBefore, notAfter, SerialBytes(Seed, kind, profile.Id));
        return certificate.RawData;
    }

    private static byte[] SignCertificateAltNames(ResidentProfile profile)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteOtherName(writer, JpkiOids.Name, profile.Name, UniversalTagNumber.UTF8String);
            WriteOtherName(writer, JpkiOids.SubstituteName, profile.Name, UniversalTagNumber.UTF8String);
            WriteOtherName(writer, JpkiOids.Sex, profile.SexCode, UniversalTagNumber.PrintableString);
            WriteOtherName(writer, JpkiOids.BirthDate, profile.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), UniversalTagNumber.PrintableString);
            WriteOtherName(writer, JpkiOids.Address, profile.Address, UniversalTagNumber.UTF8String);
            WriteOtherName(writer, JpkiOids.SubstituteAddress, profile.Address, UniversalTagNumber.UTF8String);
        }
        return writer.Encode();
    }

    private static void WriteOtherName(AsnWriter writer, string oid, string value, UniversalTagNumber type)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteCharacterString(type, value);
            }
        }
    }

    private byte[] BuildCa(RSAParameters key, string unit, string label)
    {
        using var rsa = RSA.Create(key);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("JP");
        name.AddOrganizationName("JPKI");
        name.AddOrganizationalUnitName(unit);
        name.AddOrganizationalUnitName("Japan Agency for Local Authority Information Systems");
        // Says plainly that this is not J-LIS, so nothing can mistake the test CA for the real one.
        name.AddOrganizationalUnitName("Kiosk TEST PKI - not J-LIS");
        var subject = name.Build();
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", CaAltName(), critical: false));
        using var certificate = request.Create(subject, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            CaNotBefore, CaNotAfter, SerialBytes(Seed, "ca", label));
        return certificate.RawData;
    }

    private static byte[] CaAltName()
    {
        // J-LIS CAs carry SAN DirName O=公的個人認証サービス; UTF8String is what .NET's builder emits for non-ASCII.
        var dirName = new X500DistinguishedNameBuilder();
        dirName.AddOrganizationName("公的個人認証サービス");
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
            {
                writer.WriteEncodedValue(dirName.Build().RawData);
            }
        }
        return writer.Encode();
    }

    private static byte[] BuildCrl(X509Certificate2 ca, RSAParameters caKey, List<(byte[] Serial, DateTimeOffset When)> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serial, when) in revoked) builder.AddEntry(serial, when, X509RevocationReason.KeyCompromise);
        using var rsa = RSA.Create(caKey);
        using var withKey = ca.CopyWithPrivateKey(rsa);
        var crlNumber = new BigInteger(thisUpdate.ToUnixTimeSeconds() / 86400);
        return builder.Build(withKey, crlNumber, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    private static DateTimeOffset RevocationTime(ResidentProfile profile)
    {
        var when = JpkiDates.StartOfDay(profile.CertificatesIssued!.Value).AddDays(90);
        return when < DefaultCrlThisUpdate ? when : DefaultCrlThisUpdate.AddDays(-1);
    }

    private static byte[] SerialBytes(string seed, string kind, string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("kiosk-jpki-serial|" + seed + "|" + kind + "|" + id));
        var serial = hash[..8];
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40); // positive, and never a leading zero byte, so the hex form is stable
        return serial;
    }
}
