using System.Security.Cryptography;

namespace Kiosk.Municipality.Verification;

/// <summary>The HMAC key behind verification codes: generated on first start, kept in the data dir (mode 600), never committed.</summary>
public static class VerificationKey
{
    public const int Length = 32;

    /// <summary>Reads the key file, creating it with fresh random bytes when absent.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var key = File.ReadAllBytes(path);
            if (key.Length != Length)
                throw new InvalidDataException($"Verification key '{path}' has {key.Length} bytes, expected {Length}; delete it to make a new one (codes already printed will then no longer verify).");
            return key;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fresh = RandomNumberGenerator.GetBytes(Length);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var f = new FileStream(path, options);
            f.Write(fresh);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the data dir won the race; use its key.
            return LoadOrCreate(path);
        }
        return fresh;
    }
}
