using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Payments;

/// <summary>Finds which store an API key belongs to, comparing digests in constant time so timing reveals nothing about keys.</summary>
public sealed class StoreApiKeys
{
    private readonly (string StoreId, byte[] Digest)[] keys;

    /// <summary>Keys from the options (store id → key); empty keys are ignored.</summary>
    public StoreApiKeys(PayAtRegisterOptions options)
    {
        keys = options.StoreApiKeys
            .Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => (kv.Key, SHA256.HashData(Encoding.UTF8.GetBytes(kv.Value))))
            .ToArray();
    }

    /// <summary>The store id for the presented key, or null.</summary>
    public string? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (storeId, d) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, d))
            {
                match = storeId;
            }
        }
        return match;
    }
}
