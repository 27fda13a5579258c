using Kiosk.Firmware.Core.Card.Pn532;
using nanoFramework.TestFramework;

namespace Kiosk.Firmware.NFUnitTest
{
    /// <summary>PN532 host frames built by the core on the device runtime (byte values from the PN532 user manual, 6.2).</summary>
    [TestClass]
    public class Pn532FrameTests
    {
        [TestMethod]
        public void GetFirmwareVersionCommandFrame()
        {
            var frame = new byte[16];
            var length = Pn532Frame.Encode(frame, 0, Pn532Frame.HostToPn532, new byte[] { 0x02 }, 0, 1);
            Assert.AreEqual(9, length);
            Assert.AreEqual("0000ff02fed4022a00", Sha256Tests.Hex(Slice(frame, length)));
        }

        [TestMethod]
        public void InListPassiveTargetTypeBFrame()
        {
            // InListPassiveTarget, MaxTg 1, BrTy 03 (106 kbps Type B), AFI 00.
            var frame = new byte[16];
            var length = Pn532Frame.Encode(frame, 0, Pn532Frame.HostToPn532, new byte[] { 0x4A, 0x01, 0x03, 0x00 }, 0, 4);
            Assert.AreEqual("0000ff05fbd44a010300de00", Sha256Tests.Hex(Slice(frame, length)));
        }

        [TestMethod]
        public void LongCommandUsesExtendedFrame()
        {
            var data = new byte[300];
            var frame = new byte[320];
            var length = Pn532Frame.Encode(frame, 0, Pn532Frame.HostToPn532, data, 0, data.Length);
            Assert.AreEqual(0xFF, frame[3]);
            Assert.AreEqual(0xFF, frame[4]);
            Assert.AreEqual(0x01, frame[5]);
            Assert.AreEqual(0x2D, frame[6]);
            Assert.AreEqual(0x00, (frame[5] + frame[6] + frame[7]) & 0xFF);
            Assert.AreEqual(300 + 1 + 10, length);
        }

        [TestMethod]
        public void AckFrame()
        {
            var frame = new byte[6];
            Assert.AreEqual(6, Pn532Frame.EncodeAck(frame, 0));
            Assert.AreEqual("0000ff00ff00", Sha256Tests.Hex(frame));
        }

        private static byte[] Slice(byte[] source, int length)
        {
            var result = new byte[length];
            System.Array.Copy(source, 0, result, 0, length);
            return result;
        }
    }
}
