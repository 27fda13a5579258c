using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>A PIN reference with its retry counter and verified state; the counter survives resets, the state does not.</summary>
public sealed class PinCounter
{
    private readonly byte[]? _pin;

    /// <summary>Creates a PIN; a null <paramref name="pin"/> makes a reference that was never set (always blocked).</summary>
    public PinCounter(string? pin, int maxTries, int triesLeft)
    {
        _pin = pin is null ? null : Encoding.ASCII.GetBytes(pin);
        MaxTries = maxTries;
        TriesLeft = pin is null ? 0 : Math.Clamp(triesLeft, 0, maxTries);
    }

    /// <summary>Counter value after a successful VERIFY.</summary>
    public int MaxTries { get; }
    /// <summary>Tries left before the PIN blocks.</summary>
    public int TriesLeft { get; private set; }
    /// <summary>True after a successful VERIFY until reset or re-selection of the application.</summary>
    public bool Verified { get; private set; }
    /// <summary>True when no try is left.</summary>
    public bool Blocked => TriesLeft == 0;

    /// <summary>VERIFY: no data → tries query (63Cx, 63C0 when blocked); otherwise compare and update the counter.</summary>
    public ushort Verify(byte[] candidate)
    {
        if (candidate.Length == 0) return (ushort)(StatusWords.WrongPinBase | TriesLeft);
        if (Blocked || _pin is null) return StatusWords.PinBlocked;
        if (CryptographicOperations.FixedTimeEquals(candidate, _pin))
        {
            TriesLeft = MaxTries;
            Verified = true;
            return StatusWords.Ok;
        }
        TriesLeft--;
        Verified = false;
        return (ushort)(StatusWords.WrongPinBase | TriesLeft);
    }

    /// <summary>Drops the verified state (application re-selected or card reset).</summary>
    public void ClearVerified() => Verified = false;
}
