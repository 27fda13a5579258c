namespace Kiosk.Hardware.Emulator.Tests.Card;

/// <summary>Command APDUs as OpenSC and the firmware send them.</summary>
internal static class Apdus
{
    public static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));
    public static readonly byte[] SelectJpki = H("00A4040C0AD392F000260100000001");
    public static readonly byte[] SelectSupport = H("00A4040C0AD3921000310001010408");
    public static byte[] SelectEf(ushort fid) => [0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid];
    public static byte[] Read(int offset, int le) => [0x00, 0xB0, (byte)(offset >> 8), (byte)offset, (byte)le];
    public static readonly byte[] TriesQuery = H("00200080");
    public static byte[] Verify(string pin) => [0x00, 0x20, 0x00, 0x80, (byte)pin.Length, .. System.Text.Encoding.ASCII.GetBytes(pin)];
    public static byte[] Sign(byte[] digestInfo) => [0x80, 0x2A, 0x00, 0x80, (byte)digestInfo.Length, .. digestInfo, 0x00];
    public static readonly byte[] Sha256Prefix = H("3031300D060960864801650304020105000420");
    public static readonly byte[] Sha1Prefix = H("3021300906052B0E03021A05000414");
    public static int Sw(byte[] r) => r[^2] << 8 | r[^1];
    public static byte[] Data(byte[] r) => r[..^2];
}
