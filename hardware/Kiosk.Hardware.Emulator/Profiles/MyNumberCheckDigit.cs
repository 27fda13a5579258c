namespace Kiosk.Hardware.Emulator.Profiles;

/// <summary>The check digit of a 12-digit individual number (Ministerial ordinance on the My Number check digit).</summary>
public static class MyNumberCheckDigit
{
    /// <summary>Computes the check digit for the first 11 digits.</summary>
    public static int Compute(string first11)
    {
        if (first11.Length != 11 || !first11.All(char.IsAsciiDigit)) throw new ArgumentException("need 11 digits", nameof(first11));
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = first11[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        var remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /// <summary>True when <paramref name="myNumber"/> is 12 digits whose last digit is the check digit.</summary>
    public static bool IsValid(string? myNumber)
        => myNumber is { Length: 12 } && myNumber.All(char.IsAsciiDigit) && Compute(myNumber[..11]) == myNumber[11] - '0';
}
