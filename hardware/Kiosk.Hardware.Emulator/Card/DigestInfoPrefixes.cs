using System.Security.Cryptography;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>The DER DigestInfo headers (RFC 8017 §9.2, note 1) of the hashes the platform RSA pads the same way the card does.</summary>
public static class DigestInfoPrefixes
{
    private static readonly (HashAlgorithmName Name, byte[] Prefix, int HashLength)[] Known =
    [
        (HashAlgorithmName.SHA1, Convert.FromHexString("3021300906052B0E03021A05000414"), 20),
        (HashAlgorithmName.SHA256, Convert.FromHexString("3031300D060960864801650304020105000420"), 32),
        (HashAlgorithmName.SHA384, Convert.FromHexString("3041300D060960864801650304020205000430"), 48),
        (HashAlgorithmName.SHA512, Convert.FromHexString("3051300D060960864801650304020305000440"), 64),
    ];

    /// <summary>True when <paramref name="input"/> is exactly a known header followed by a hash of that algorithm's length;
    /// gives the algorithm and where the hash starts.</summary>
    public static bool TryMatch(ReadOnlySpan<byte> input, out HashAlgorithmName algorithm, out int hashOffset)
    {
        foreach (var (name, prefix, hashLength) in Known)
        {
            if (input.Length != prefix.Length + hashLength || !input.StartsWith(prefix)) continue;
            algorithm = name;
            hashOffset = prefix.Length;
            return true;
        }
        algorithm = default;
        hashOffset = 0;
        return false;
    }
}
