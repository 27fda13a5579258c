using System.Security.Cryptography;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Hardware.Emulator.Tests.Card;

/// <summary>The platform RSA shortcut for DigestInfo input must give the card's own BigInteger signature, byte for byte.</summary>
public sealed class RawRsaSignerTests
{
    private static readonly RSAParameters Key = JpkiTestPki.Create().Resident("tanaka-hanako").AuthKey;

    public static TheoryData<string> Digests => new() { "SHA1", "SHA256", "SHA384", "SHA512" };

    private static byte[] DigestInfo(string algorithm, byte[] message)
    {
        (string prefix, byte[] hash) = algorithm switch
        {
            "SHA1" => ("3021300906052B0E03021A05000414", SHA1.HashData(message)),
            "SHA256" => ("3031300D060960864801650304020105000420", SHA256.HashData(message)),
            "SHA384" => ("3041300D060960864801650304020205000430", SHA384.HashData(message)),
            "SHA512" => ("3051300D060960864801650304020305000440", SHA512.HashData(message)),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return [.. Convert.FromHexString(prefix), .. hash];
    }

    [Theory]
    [MemberData(nameof(Digests))]
    public void A_DigestInfo_signs_to_the_same_bytes_on_both_paths(string algorithm)
    {
        var signer = new RawRsaSigner(Key);
        Assert.True(DigestInfoPrefixes.TryMatch(DigestInfo(algorithm, [1]), out var matched, out _));
        Assert.Equal(algorithm, matched.Name);
        for (int i = 0; i < 8; i++)
        {
            var input = DigestInfo(algorithm, RandomNumberGenerator.GetBytes(1 + i * 13));
            var fast = signer.Sign(input);
            var slow = signer.SignWithBigInteger(input);
            Assert.Equal(Key.Modulus!.Length, fast.Length);
            Assert.Equal(slow, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Digests))]
    public void A_DigestInfo_signature_verifies_with_the_public_key(string algorithm)
    {
        var message = RandomNumberGenerator.GetBytes(100);
        var signature = new RawRsaSigner(Key).Sign(DigestInfo(algorithm, message));
        using var rsa = RSA.Create(new RSAParameters { Modulus = Key.Modulus, Exponent = Key.Exponent });
        Assert.True(rsa.VerifyData(message, signature, new HashAlgorithmName(algorithm), RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(51)]
    [InlineData(245)]
    public void Other_input_is_signed_raw_and_opens_to_its_padded_block(int length)
    {
        var signer = new RawRsaSigner(Key);
        var input = RandomNumberGenerator.GetBytes(length);
        Assert.False(DigestInfoPrefixes.TryMatch(input, out _, out _));
        var signature = signer.Sign(input);
        Assert.Equal(signer.SignWithBigInteger(input), signature);
        var block = RawPublic(signature);
        Assert.Equal(0x00, block[0]);
        Assert.Equal(0x01, block[1]);
        Assert.All(block[2..(block.Length - length - 1)], b => Assert.Equal(0xFF, b));
        Assert.Equal(0x00, block[block.Length - length - 1]);
        Assert.Equal(input, block[(block.Length - length)..]);
    }

    [Fact]
    public void A_known_header_with_the_wrong_hash_length_takes_the_raw_path()
    {
        var signer = new RawRsaSigner(Key);
        var input = DigestInfo("SHA256", [7])[..^1];
        Assert.False(DigestInfoPrefixes.TryMatch(input, out _, out _));
        Assert.Equal(signer.SignWithBigInteger(input), signer.Sign(input));
    }

    [Fact]
    public void Input_longer_than_the_padding_allows_is_refused()
    {
        var signer = new RawRsaSigner(Key);
        Assert.Throws<ArgumentException>(() => signer.Sign(new byte[signer.MaxInput + 1]));
        Assert.Throws<ArgumentException>(() => signer.SignWithBigInteger(new byte[signer.MaxInput + 1]));
    }

    // s^e mod n: what a verifier sees before it checks the padding.
    private static byte[] RawPublic(byte[] signature)
    {
        var n = new System.Numerics.BigInteger(Key.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new System.Numerics.BigInteger(Key.Exponent, isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(signature, isUnsigned: true, isBigEndian: true);
        return DeterministicRsa.ToFixed(System.Numerics.BigInteger.ModPow(s, e, n), Key.Modulus!.Length);
    }
}
