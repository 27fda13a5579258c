namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>Hex strings with spaces, for readable recorded byte sequences.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("|", string.Empty));

    public static string Of(byte[] bytes, int offset, int count) => Convert.ToHexString(bytes, offset, count);

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);
}
