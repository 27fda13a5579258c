using System.Numerics;
using System.Security.Cryptography;
using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>The card's signing primitive: PKCS#1 v1.5 type-1 padding of the given DigestInfo, then the raw RSA private operation (CRT).</summary>
public sealed class RawRsaSigner
{
    private readonly BigInteger _n, _p, _q, _dp, _dq, _qInv;

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
    }

    /// <summary>Modulus length in bytes (256 for RSA-2048).</summary>
    public int ModulusLength { get; }

    /// <summary>Largest DigestInfo the padding leaves room for (k − 11).</summary>
    public int MaxInput => ModulusLength - 11;

    /// <summary>Signs a DER DigestInfo (or any data up to <see cref="MaxInput"/> bytes) and returns a modulus-length signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> digestInfo)
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
