using System.Diagnostics;
using System.Globalization;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Hardware.Emulator.Cli;

/// <summary>
/// <c>bench</c>: modeled time of each step of a user authentication through the PN532 (what real hardware would take
/// under the timing model) and wall-clock costs of the emulator itself (key derivation, card signature).
/// </summary>
public static class BenchCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliArguments a)
    {
        var profile = a.Get("--card") ?? "tanaka-hanako";
        var baud = a.GetInt("--baud", 115200);
        a.RejectUnknown();
        var emulator = new Pn532Emulator(_ => { }, new Pn532Timing { UartBaud = baud });
        var card = VirtualMyNumberCard.ForProfile(profile);
        emulator.PlaceCard(card);
        var last = TimeSpan.Zero;
        Console.WriteLine("modeled time per step (UART " + baud + " baud, 106 kbps Type B, RSA " + emulator.Timing.CardRsaSignTime.TotalMilliseconds + " ms)");
        void Step(string label, byte[] body)
        {
            emulator.Receive(Pn532Frames.Encode([0xD4, .. body]));
            Console.WriteLine("  " + label.PadRight(34) + Ms(emulator.ModeledTime - last));
            last = emulator.ModeledTime;
        }
        byte[] X(params byte[] apdu) => [0x40, 0x01, .. apdu];
        Step("InListPassiveTarget", [0x4A, 0x01, 0x03, 0x00]);
        Step("SELECT JPKI AP", X(Convert.FromHexString("00A4040C0AD392F000260100000001")));
        Step("SELECT EF 000A", X(Convert.FromHexString("00A4020C02000A")));
        Step("READ BINARY 4", X(Convert.FromHexString("00B0000004")));
        var size = JpkiTestPki.Create().Resident(profile).AuthCertificateDer.Length;
        for (var offset = 0; offset < size; offset += 256)
        {
            var n = Math.Min(256, size - offset);
            Step("READ BINARY " + n + " @" + offset, X(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, (byte)(n == 256 ? 0 : n)));
            if (n + 2 > emulator.MaxDataPerResponse) Step("  (MI part)", [0x40, 0x01]);
        }
        Step("SELECT EF 0018", X(Convert.FromHexString("00A4020C020018")));
        Step("VERIFY (tries query)", X(Convert.FromHexString("00200080")));
        Step("VERIFY (PIN)", X([0x00, 0x20, 0x00, 0x80, 0x04, .. System.Text.Encoding.ASCII.GetBytes(card.Profile.AuthPin ?? "0000")]));
        Step("SELECT EF 0017", X(Convert.FromHexString("00A4020C020017")));
        Step("COMPUTE DIGITAL SIGNATURE", X([.. Convert.FromHexString("802A008033" + "3031300D060960864801650304020105000420"), .. new byte[32], 0x00]));
        Step("  (MI part)", [0x40, 0x01]);
        Console.WriteLine("  " + "total".PadRight(34) + Ms(emulator.ModeledTime));

        Console.WriteLine("emulator wall-clock");
        var signer = new RawRsaSigner(JpkiTestPki.Create().Resident(profile).AuthKey);
        // A SHA-256 DigestInfo, as the firmware sends: the platform RSA signs it; the BigInteger path is what other input takes.
        byte[] digestInfo = [.. Convert.FromHexString("3031300D060960864801650304020105000420"), .. new byte[32]];
        signer.Sign(digestInfo);
        signer.SignWithBigInteger(digestInfo);
        var sw = Stopwatch.StartNew();
        const int signs = 50;
        for (var i = 0; i < signs; i++) signer.Sign(digestInfo);
        Console.WriteLine("  " + "card RSA-2048 signature (platform)".PadRight(34) + Ms(sw.Elapsed / signs));
        sw.Restart();
        for (var i = 0; i < signs; i++) signer.SignWithBigInteger(digestInfo);
        Console.WriteLine("  " + "same, BigInteger CRT".PadRight(34) + Ms(sw.Elapsed / signs));
        sw.Restart();
        RsaKeyCache.Derive("bench-" + Environment.ProcessId, "bench");
        Console.WriteLine("  " + "RSA-2048 key derivation (no cache)".PadRight(34) + Ms(sw.Elapsed));
        return 0;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(8) + " ms";
}
