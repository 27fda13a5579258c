using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>The scanner itself: it must find what it is for, or every scan built on it proves nothing.</summary>
public sealed class SensitiveDataScannerTests
{
    private static string ValidMyNumber(string first11) => first11 + MyNumberCheckDigit.Compute(first11);

    [Fact]
    public void Finds_a_valid_my_number_written_out_and_ignores_invalid_ones()
    {
        var valid = ValidMyNumber("12345678901");
        var invalid = valid[..11] + (char)('0' + (valid[11] - '0' + 1) % 10);
        Assert.Equal([valid], SensitiveDataScanner.MyNumbers("resident " + valid + " printed; other " + invalid));
        Assert.Equal([valid], SensitiveDataScanner.MyNumbers("{\"n\":\"" + valid + "\"}"));
    }

    [Fact]
    public void Ignores_digit_runs_inside_hex_and_longer_numbers()
    {
        var valid = ValidMyNumber("98765432109");
        Assert.Empty(SensitiveDataScanner.MyNumbers("hash ab" + valid + "cd and 1" + valid));
    }

    [Fact]
    public void Finds_planted_pins_anywhere()
    {
        Assert.Single(SensitiveDataScanner.Scan("log", "Verify PIN 4821 failed", ["4821"]));
        Assert.Empty(SensitiveDataScanner.Scan("log", "Verify PIN failed", ["4821"]));
    }
}
