using Kiosk.Firmware.Core.Crypto;
using nanoFramework.TestFramework;

namespace Kiosk.Firmware.NFUnitTest
{
    /// <summary>The core's SHA-256 on the device runtime against FIPS 180-4 / NIST example vectors.</summary>
    [TestClass]
    public class Sha256Tests
    {
        [TestMethod]
        public void Abc()
        {
            AssertDigest(Ascii("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }

        [TestMethod]
        public void Empty()
        {
            AssertDigest(new byte[0], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }

        [TestMethod]
        public void TwoBlocks()
        {
            AssertDigest(Ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        }

        [TestMethod]
        public void IncrementalUpdatesEqualOneShot()
        {
            var data = new byte[200];
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 + 3);
            var oneShot = new byte[Sha256.HashLength];
            var pieces = new byte[Sha256.HashLength];
            var sha = new Sha256();
            sha.Compute(data, 0, data.Length, oneShot, 0);
            sha.Reset();
            sha.Update(data, 0, 1);
            sha.Update(data, 1, 63);
            sha.Update(data, 64, 136);
            sha.Final(pieces, 0);
            Assert.AreEqual(Hex(oneShot), Hex(pieces));
        }

        private static void AssertDigest(byte[] data, string expectedHex)
        {
            var output = new byte[Sha256.HashLength];
            new Sha256().Compute(data, 0, data.Length, output, 0);
            Assert.AreEqual(expectedHex, Hex(output));
        }

        internal static byte[] Ascii(string s)
        {
            var bytes = new byte[s.Length];
            for (var i = 0; i < s.Length; i++) bytes[i] = (byte)s[i];
            return bytes;
        }

        internal static string Hex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }
    }
}
