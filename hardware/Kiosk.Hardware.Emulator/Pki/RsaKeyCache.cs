using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>
/// Keys derived by <see cref="DeterministicRsa"/> are the same on every machine; deriving one costs ~0.4 s,
/// so they are memoised in-process and in the user's temp folder (never in the repository).
/// </summary>
public static class RsaKeyCache
{
    private static readonly ConcurrentDictionary<string, Lazy<RSAParameters>> Memory = new();

    /// <summary>Folder of the on-disk cache; override with KIOSK_JPKI_KEY_CACHE (set it to "off" to disable).</summary>
    public static string? Folder
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("KIOSK_JPKI_KEY_CACHE");
            if (string.Equals(env, "off", StringComparison.OrdinalIgnoreCase)) return null;
            return string.IsNullOrEmpty(env) ? Path.Combine(Path.GetTempPath(), "kiosk-jpki-keys") : env;
        }
    }

    /// <summary>The RSA-2048 key for (<paramref name="seed"/>, <paramref name="label"/>), derived or cached.</summary>
    public static RSAParameters Get(string seed, string label)
        => Memory.GetOrAdd(seed + "\n" + label, _ => new Lazy<RSAParameters>(() => LoadOrDerive(seed, label))).Value;

    /// <summary>Derives the key without any cache (what the cache must always agree with).</summary>
    public static RSAParameters Derive(string seed, string label) => DeterministicRsa.Generate(HmacDrbg.ForLabel(seed, label));

    private static RSAParameters LoadOrDerive(string seed, string label)
    {
        var folder = Folder;
        if (folder is null) return Derive(seed, label);
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + label)))[..32].ToLowerInvariant();
        var path = Path.Combine(folder, name + ".der");
        if (TryLoad(path) is { } cached) return cached;
        // Test projects run in parallel processes: one derives, the others wait for its file instead of burning CPU too.
        using var derivationLock = TryLock(folder, path + ".lock");
        if (TryLoad(path) is { } meanwhile) return meanwhile;
        var parameters = Derive(seed, label);
        try
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            var temp = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, rsa.ExportRSAPrivateKey());
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only temp: keep working without the disk cache.
        }
        return parameters;
    }

    private static RSAParameters? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(File.ReadAllBytes(path), out _);
            return rsa.ExportParameters(true);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            // A damaged or unreadable cache entry is only a lost speed-up: the caller derives again.
            return null;
        }
    }

    private static FileStream? TryLock(string folder, string lockPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                Directory.CreateDirectory(folder);
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null; // no lock: derive anyway, the atomic rename keeps the cache consistent
            }
        }
    }
}
