using Kiosk.Firmware.Core.Card.Jpki;

namespace Kiosk.Firmware.Core.Tests.CardStack;

public class DerHeaderTests
{
    [Theory]
    [InlineData("30820514", 1304)]
    [InlineData("30820523", 1319)]
    [InlineData("308105", 8)]
    [InlineData("3005", 7)]
    [InlineData("3083010000", 65541)]
    [InlineData("3080", -1)]
    [InlineData("3084FFFFFFFF", -1)]
    [InlineData("1F05", -1)]
    [InlineData("3082", -1)]
    [InlineData("30", -1)]
    public void Reads_the_total_length(string header, int total)
    {
        byte[] bytes = Hex.Bytes(header);
        Assert.Equal(total, DerHeader.TotalLength(bytes, 0, bytes.Length));
    }
}
