using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.HostBridge.Jpki;

/// <summary>An X.509 v2 CRL read with the BCL's ASN.1 reader: issuer, update times, revoked serials, and its verified signature.</summary>
public sealed class ParsedCrl
{
    private ParsedCrl(X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, IReadOnlySet<string> revoked,
        byte[] tbs, string signatureOid, byte[] signature)
    {
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        RevokedSerials = revoked;
        _tbs = tbs;
        _signatureOid = signatureOid;
        _signature = signature;
    }

    private readonly byte[] _tbs;
    private readonly string _signatureOid;
    private readonly byte[] _signature;

    /// <summary>The CA that signed the list.</summary>
    public X500DistinguishedName Issuer { get; }

    /// <summary>When the list was made.</summary>
    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When the next list is due; after it the list is stale.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>Revoked serials as upper-case hex without leading zeros.</summary>
    public IReadOnlySet<string> RevokedSerials { get; }

    /// <summary>Parses DER (or PEM "X509 CRL"); throws <see cref="CryptographicException"/> on malformed input.</summary>
    public static ParsedCrl Parse(byte[] data)
    {
        if (data.Length > 0 && data[0] == (byte)'-')
        {
            var pem = System.Text.Encoding.ASCII.GetString(data);
            var fields = PemEncoding.Find(pem);
            data = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        try
        {
            var outer = new AsnReader(data, AsnEncodingRules.DER).ReadSequence();
            var tbsRaw = outer.ReadEncodedValue().ToArray();
            var sigAlg = outer.ReadSequence();
            var signatureOid = sigAlg.ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);

            var tbs = new AsnReader(tbsRaw, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger();
            tbs.ReadSequence(); // inner signature algorithm, must match the outer one
            var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = null;
            if (tbs.HasData && IsTime(tbs.PeekTag())) nextUpdate = ReadTime(tbs);
            var revoked = new HashSet<string>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    var serial = entry.ReadIntegerBytes().ToArray();
                    revoked.Add(Privacy.SerialHasher.Normalise(Convert.ToHexString(serial)));
                }
            }
            return new ParsedCrl(issuer, thisUpdate, nextUpdate, revoked, tbsRaw, signatureOid, signature);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("Malformed CRL.", e);
        }
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader)
        => reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>True when the CA certificate's key made this CRL's signature.</summary>
    public bool IsSignedBy(X509Certificate2 ca)
    {
        if (!ca.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData)) return false;
        switch (_signatureOid)
        {
            case "1.2.840.113549.1.1.11":
            case "1.2.840.113549.1.1.12":
            case "1.2.840.113549.1.1.13":
                using (var rsa = ca.GetRSAPublicKey())
                {
                    return rsa is not null && rsa.VerifyData(_tbs, _signature, RsaHash(_signatureOid), RSASignaturePadding.Pkcs1);
                }
            case "1.2.840.10045.4.3.2":
            case "1.2.840.10045.4.3.3":
                using (var ecdsa = ca.GetECDsaPublicKey())
                {
                    var hash = _signatureOid.EndsWith(".2", StringComparison.Ordinal) ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384;
                    return ecdsa is not null && ecdsa.VerifyData(_tbs, _signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }
            default:
                return false;
        }
    }

    private static HashAlgorithmName RsaHash(string oid) => oid switch
    {
        "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
        "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>True when a serial (any hex form) is on the list.</summary>
    public bool IsRevoked(BigInteger serial) => RevokedSerials.Contains(Privacy.SerialHasher.Normalise(serial.ToString("X")));
}
