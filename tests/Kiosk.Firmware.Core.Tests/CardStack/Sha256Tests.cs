using System.Security.Cryptography;
using Kiosk.Firmware.Core.Crypto;

namespace Kiosk.Firmware.Core.Tests.CardStack;

public class Sha256Tests
{
    [Theory]
    [InlineData("", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1")]
    public void Matches_the_FIPS_examples(string text, string digest)
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes(text);
        byte[] output = new byte[32];
        new Sha256().Compute(data, 0, data.Length, output, 0);
        Assert.Equal(digest, Hex.Of(output));
    }

    [Fact]
    public void Matches_dotnet_SHA256_for_every_length_and_split()
    {
        var random = new Random(1);
        var sha = new Sha256();
        byte[] output = new byte[40];
        for (int length = 0; length < 300; length++)
        {
            byte[] data = new byte[length + 3];
            random.NextBytes(data);
            int split = length == 0 ? 0 : random.Next(length);
            sha.Reset();
            sha.Update(data, 3, split);
            sha.Update(data, 3 + split, length - split);
            sha.Final(output, 5);
            Assert.Equal(SHA256.HashData(data.AsSpan(3, length)), output.AsSpan(5, 32).ToArray());
        }
    }

    [Fact]
    public void Hashing_allocates_nothing()
    {
        var sha = new Sha256();
        byte[] data = new byte[1000];
        byte[] output = new byte[32];
        sha.Compute(data, 0, data.Length, output, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sha.Compute(data, 0, data.Length, output, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
