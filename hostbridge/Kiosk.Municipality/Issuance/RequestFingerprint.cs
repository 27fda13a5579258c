using System.Security.Cryptography;
using System.Text;
using Kiosk.Municipality.Api;
using Kiosk.Municipality.Cards;

namespace Kiosk.Municipality.Issuance;

/// <summary>A canonical hash of an order, so a retry (same hash) is told apart from a reused request id (other hash).</summary>
public static class RequestFingerprint
{
    public static string Of(OrderRequest r)
    {
        var canonical = string.Join("|",
            "v1", r.MunicipalityCode, r.ResidentId, CardMap.NormalizeSerial(r.CertificateSerial), r.ProductCode,
            string.Join(",", (r.Options ?? []).Order(StringComparer.Ordinal)),
            string.Join(",", (r.MemberIds ?? []).Order(StringComparer.Ordinal)),
            r.Copies, r.Year);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
