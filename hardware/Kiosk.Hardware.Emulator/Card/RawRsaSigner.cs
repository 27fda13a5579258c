using System.Numerics;
using System.Security.Cryptography;
using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>The card's signing primitive: PKCS#1 v1.5 type-1 padding of the given DigestInfo, then the raw RSA private operation (CRT).</summary>
/// <remarks>A DigestInfo of SHA-1/256/384/512 (what every real client sends) goes through the platform RSA, which builds the same
/// type-1 block and so returns the same bytes about ten times faster than BigInteger arithmetic; under load the emulated cards'
/// signatures were the load generator's largest CPU cost. Any other input keeps the BigInteger path, as the card signs whatever
/// it is given.</remarks>
public sealed class RawRsaSigner
{
    private readonly BigInteger _n, _p, _q, _dp, _dq, _qInv;
    // Lives as long as the card (cards are never disposed); its native key is freed with it by its SafeHandle.
    private readonly RSA _platform;
    private readonly object _platformLock = new();

    /// <summary>Wraps a private key.</summary>
    public RawRsaSigner(RSAParameters key)
    {
        static BigInteger B(byte[]? b) => new(b ?? throw new ArgumentException("private key required"), isUnsigned: true, isBigEndian: true);
        _n = B(key.Modulus);
        _p = B(key.P);
        _q = B(key.Q);
        _dp = B(key.DP);
        _dq = B(key.DQ);
        _qInv = B(key.InverseQ);
        ModulusLength = key.Modulus!.Length;
        _platform = RSA.Create();
        _platform.ImportParameters(key);
    }

    /// <summary>Modulus length in bytes (256 for RSA-2048).</summary>
    public int ModulusLength { get; }

    /// <summary>Largest DigestInfo the padding leaves room for (k − 11).</summary>
    public int MaxInput => ModulusLength - 11;

    /// <summary>Signs a DER DigestInfo (or any data up to <see cref="MaxInput"/> bytes) and returns a modulus-length signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> digestInfo)
    {
        if (digestInfo.Length > MaxInput) throw new ArgumentException("input too long for the key", nameof(digestInfo));
        if (!DigestInfoPrefixes.TryMatch(digestInfo, out var algorithm, out int hashOffset)) return SignWithBigInteger(digestInfo);
        // RSA instances are not documented as thread-safe; a card signs on its emulator's thread, so the lock is uncontended.
        lock (_platformLock)
            return _platform.SignHash(digestInfo[hashOffset..].ToArray(), algorithm, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The raw path for any input up to <see cref="MaxInput"/> bytes: type-1 padding and the CRT private operation in
    /// BigInteger arithmetic.</summary>
    public byte[] SignWithBigInteger(ReadOnlySpan<byte> digestInfo)
    {
        if (digestInfo.Length > MaxInput) throw new ArgumentException("input too long for the key", nameof(digestInfo));
        var block = new byte[ModulusLength];
        block[1] = 0x01;
        block.AsSpan(2, ModulusLength - 3 - digestInfo.Length).Fill(0xFF);
        digestInfo.CopyTo(block.AsSpan(ModulusLength - digestInfo.Length));
        var m = new BigInteger(block, isUnsigned: true, isBigEndian: true);
        var m1 = BigInteger.ModPow(m, _dp, _p);
        var m2 = BigInteger.ModPow(m, _dq, _q);
        var h = (_qInv * (m1 - m2)) % _p;
        if (h.Sign < 0) h += _p;
        return DeterministicRsa.ToFixed(m2 + h * _q, ModulusLength);
    }
}
