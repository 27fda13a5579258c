using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Privacy;

/// <summary>AES-GCM sealing of the values a live session needs (resident handle); rows are wiped when the session ends.</summary>
public sealed class SecretBox(DeploymentKeys keys)
{
    /// <summary>Seals UTF-8 text bound to a context (the session id) so a sealed value cannot be moved to another row.</summary>
    public string Seal(string plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(keys.SealKey, 16);
        aes.Encrypt(nonce, data, cipher, tag, Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> when it was altered or moved.</summary>
    public string Open(string sealedValue, string context)
    {
        var raw = Convert.FromBase64String(sealedValue);
        var plain = new byte[raw.Length - 28];
        using var aes = new AesGcm(keys.SealKey, 16);
        aes.Decrypt(raw.AsSpan(0, 12), raw.AsSpan(28), raw.AsSpan(12, 16), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
