using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Privacy;

/// <summary>The per-deployment secret, shared by all instances, from which the serial-hash key and the sealing key derive.</summary>
public sealed class DeploymentKeys
{
    /// <summary>Key for HMAC-SHA256 of certificate serials.</summary>
    public byte[] SerialHashKey { get; }

    /// <summary>Key for AES-GCM sealing of the short-lived session secrets (resident handle, serial).</summary>
    public byte[] SealKey { get; }

    /// <summary>Derives both keys from a 32-byte master secret.</summary>
    public DeploymentKeys(byte[] master)
    {
        if (master.Length < 32) throw new ArgumentException("The deployment key must have at least 32 bytes.", nameof(master));
        SerialHashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes("kiosk serial hash v1"));
        SealKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes("kiosk session seal v1"));
    }

    /// <summary>Loads the key from base64 configuration, or from a file it creates with a fresh random key on first run.</summary>
    public static DeploymentKeys Load(string? base64, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(base64)) return new DeploymentKeys(Convert.FromBase64String(base64));
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(keyFile, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new DeploymentKeys(Convert.FromBase64String(File.ReadAllText(keyFile).Trim()));
    }
}
