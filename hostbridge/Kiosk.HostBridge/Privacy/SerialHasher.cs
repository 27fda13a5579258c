using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Privacy;

/// <summary>Turns a certificate (issuer, serial) into the only identifier the bridge stores: a keyed hash.</summary>
public sealed class SerialHasher(DeploymentKeys keys)
{
    /// <summary>HMAC-SHA256 over the normalised serial (upper-case hex, no leading zeros), lower-case hex.</summary>
    public string Hash(string serialHex)
    {
        var normalised = Normalise(serialHex);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.SerialHashKey, Encoding.ASCII.GetBytes(normalised)));
    }

    /// <summary>Upper-case hex without leading zero bytes, so "00AB" and "ab" hash the same.</summary>
    public static string Normalise(string serialHex)
    {
        var s = serialHex.Trim().ToUpperInvariant().TrimStart('0');
        return s.Length == 0 ? "0" : s;
    }
}
