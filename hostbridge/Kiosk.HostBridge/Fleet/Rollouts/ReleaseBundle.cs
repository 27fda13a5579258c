using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>A signed application bundle version: what a device checks (size, SHA-256) and what the bridge checks at upload (release-key signature).</summary>
public sealed record ReleaseBundle(string Version, long Size, string Sha256Hex, byte[] Signature)
{
    /// <summary>The bytes the release key signs: version, size and digest, so none can be swapped on its own.</summary>
    public static byte[] SignedStatement(string version, long size, string sha256Hex)
        => Encoding.UTF8.GetBytes("kiosk-app-bundle/1\n" + version + "\n" + size + "\n" + sha256Hex.ToLowerInvariant() + "\n");

    /// <summary>Describes <paramref name="content"/> and checks its ECDSA P-256 / SHA-256 signature by the release key; null when the signature fails.</summary>
    public static ReleaseBundle? Verify(string version, byte[] content, byte[] signature, ECDsa releaseKey)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var statement = SignedStatement(version, content.LongLength, sha);
        return releaseKey.VerifyData(statement, signature, HashAlgorithmName.SHA256) ? new ReleaseBundle(version, content.LongLength, sha, signature) : null;
    }

    /// <summary>What a device does before switching: the downloaded bytes must match size and digest exactly.</summary>
    public bool Matches(byte[] downloaded)
        => downloaded.LongLength == Size && CryptographicOperations.FixedTimeEquals(SHA256.HashData(downloaded), Convert.FromHexString(Sha256Hex));
}
