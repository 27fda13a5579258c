namespace Kiosk.Hardware.Emulator.Card;

/// <summary>ISO/IEC 7816-4 status words the emulated card answers.</summary>
public static class StatusWords
{
    /// <summary>Normal processing.</summary>
    public const ushort Ok = 0x9000;
    /// <summary>Wrong PIN or tries query: 63Cx with x = tries left.</summary>
    public const ushort WrongPinBase = 0x63C0;
    /// <summary>Wrong length (Lc/Le inconsistent with the command).</summary>
    public const ushort WrongLength = 0x6700;
    /// <summary>Logical channel not supported.</summary>
    public const ushort ChannelNotSupported = 0x6881;
    /// <summary>Command incompatible with file structure (e.g. READ BINARY on a key or PIN EF).</summary>
    public const ushort IncompatibleFile = 0x6981;
    /// <summary>Security status not satisfied (PIN not verified).</summary>
    public const ushort SecurityNotSatisfied = 0x6982;
    /// <summary>Reference data not usable: the PIN is blocked.</summary>
    public const ushort PinBlocked = 0x6984;
    /// <summary>Conditions of use not satisfied (e.g. COMPUTE DIGITAL SIGNATURE with no key selected).</summary>
    public const ushort ConditionsNotSatisfied = 0x6985;
    /// <summary>Command not allowed: no current EF.</summary>
    public const ushort NoCurrentEf = 0x6986;
    /// <summary>Wrong data field (e.g. DigestInfo too long for the key).</summary>
    public const ushort WrongData = 0x6A80;
    /// <summary>File or application not found.</summary>
    public const ushort FileNotFound = 0x6A82;
    /// <summary>Incorrect P1-P2.</summary>
    public const ushort WrongP1P2 = 0x6A86;
    /// <summary>Referenced data not found (VERIFY on an EF that is no PIN).</summary>
    public const ushort ReferenceNotFound = 0x6A88;
    /// <summary>Offset beyond the end of the EF.</summary>
    public const ushort WrongOffset = 0x6B00;
    /// <summary>Wrong Le: 6Cxx, xx = the exact length available.</summary>
    public const ushort WrongLeBase = 0x6C00;
    /// <summary>Instruction not supported.</summary>
    public const ushort InsNotSupported = 0x6D00;
    /// <summary>Class not supported.</summary>
    public const ushort ClaNotSupported = 0x6E00;
}
