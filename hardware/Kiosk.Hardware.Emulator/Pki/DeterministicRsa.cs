using System.Numerics;
using System.Security.Cryptography;

namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>Derives RSA keys from an <see cref="HmacDrbg"/>, because .NET's own RSA key generation cannot be seeded.</summary>
public static class DeterministicRsa
{
    private static readonly BigInteger PublicExponent = 65537;
    private static readonly int[] SmallPrimes = BuildSmallPrimes(20000);

    /// <summary>Generates an RSA key of <paramref name="bits"/> bits (e = 65537) from the generator's stream.</summary>
    public static RSAParameters Generate(HmacDrbg drbg, int bits = 2048)
    {
        while (true)
        {
            var p = GeneratePrime(drbg, bits / 2);
            var q = GeneratePrime(drbg, bits / 2);
            if (p == q) continue;
            if (p < q) (p, q) = (q, p);
            var n = p * q;
            if (n.GetBitLength() != bits) continue;
            // FIPS 186-5 asks |p - q| > 2^(bits/2 - 100) so Fermat factoring stays out of reach.
            if (BigInteger.Abs(p - q).GetBitLength() <= bits / 2 - 100) continue;
            var phi = (p - 1) * (q - 1);
            var d = ModInverse(PublicExponent, phi);
            var half = bits / 16;
            return new RSAParameters
            {
                Modulus = ToFixed(n, bits / 8),
                Exponent = ToFixed(PublicExponent, 3),
                D = ToFixed(d, bits / 8),
                P = ToFixed(p, half),
                Q = ToFixed(q, half),
                DP = ToFixed(d % (p - 1), half),
                DQ = ToFixed(d % (q - 1), half),
                InverseQ = ToFixed(ModInverse(q, p), half),
            };
        }
    }

    /// <summary>Unsigned big-endian bytes of <paramref name="value"/>, left-padded with zeros to <paramref name="length"/>.</summary>
    public static byte[] ToFixed(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > length) throw new ArgumentException("value does not fit", nameof(length));
        var result = new byte[length];
        raw.CopyTo(result, length - raw.Length);
        return result;
    }

    private static BigInteger GeneratePrime(HmacDrbg drbg, int bits)
    {
        var bytes = drbg.Generate(bits / 8);
        bytes[0] |= 0xC0; // top two bits set: the product of two such primes has exactly 2·bits bits
        bytes[^1] |= 0x01;
        var start = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var remainders = new int[SmallPrimes.Length];
        for (var i = 0; i < SmallPrimes.Length; i++) remainders[i] = (int)(start % SmallPrimes[i]);
        for (var delta = 0; ; delta += 2)
        {
            var composite = false;
            for (var i = 0; i < SmallPrimes.Length; i++)
            {
                if ((remainders[i] + delta) % SmallPrimes[i] == 0) { composite = true; break; }
            }
            if (composite) continue;
            var candidate = start + delta;
            if (candidate.GetBitLength() != bits) break; // ran off the top: draw again
            if ((candidate - 1) % PublicExponent == 0) continue;
            if (IsProbablePrime(candidate, drbg, 8)) return candidate;
        }
        return GeneratePrime(drbg, bits);
    }

    private static bool IsProbablePrime(BigInteger n, HmacDrbg drbg, int rounds)
    {
        var d = n - 1;
        var s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        var byteLength = (int)((n.GetBitLength() + 7) / 8);
        for (var round = 0; round < rounds; round++)
        {
            var a = (new BigInteger(drbg.Generate(byteLength), isUnsigned: true, isBigEndian: true) % (n - 3)) + 2;
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1) continue;
            var witness = true;
            for (var r = 1; r < s; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) { witness = false; break; }
            }
            if (witness) return false;
        }
        return true;
    }

    private static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger oldR = a % m, r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - quotient * r);
            (oldS, s) = (s, oldS - quotient * s);
        }
        if (!oldR.IsOne) throw new ArithmeticException("not invertible");
        var result = oldS % m;
        return result.Sign < 0 ? result + m : result;
    }

    private static int[] BuildSmallPrimes(int limit)
    {
        var sieve = new bool[limit + 1];
        var primes = new List<int>();
        for (var i = 3; i <= limit; i += 2)
        {
            if (sieve[i]) continue;
            primes.Add(i);
            for (long j = (long)i * i; j <= limit; j += 2L * i) sieve[j] = true;
        }
        return primes.ToArray();
    }
}
