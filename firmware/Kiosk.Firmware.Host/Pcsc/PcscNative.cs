using System.Runtime.InteropServices;

namespace Kiosk.Firmware.Host.Pcsc;

/// <summary>libpcsclite entry points (Linux: LONG and DWORD are C longs, so nint/nuint).</summary>
internal static unsafe class PcscNative
{
    private const string Lib = "libpcsclite.so.1";

    public const uint ScopeSystem = 2;
    public const uint ShareShared = 2;
    public const uint ProtocolT0 = 1;
    public const uint ProtocolT1 = 2;
    public const uint LeaveCard = 0;
    public const uint ResetCard = 1;
    public const uint StatePresent = 0x0004;
    public const uint StateAbsent = 0x0002;

    public const uint Success = 0;
    public const uint InsufficientBuffer = 0x80100008;
    public const uint UnknownReader = 0x80100009;
    public const uint Timeout = 0x8010000A;
    public const uint SharingViolation = 0x8010000B;
    public const uint NoSmartcard = 0x8010000C;
    public const uint NoService = 0x8010001D;
    public const uint ServiceStopped = 0x8010001E;
    public const uint ReaderUnavailable = 0x80100017;
    public const uint NoReadersAvailable = 0x8010002E;
    public const uint UnresponsiveCard = 0x80100066;
    public const uint UnpoweredCard = 0x80100067;
    public const uint ResetCardWarning = 0x80100068;
    public const uint RemovedCard = 0x80100069;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }

    [DllImport(Lib)]
    public static extern nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [DllImport(Lib)]
    public static extern nint SCardReleaseContext(nint context);

    [DllImport(Lib)]
    public static extern nint SCardListReaders(nint context, byte* groups, byte* readers, ref nuint readersLength);

    [DllImport(Lib)]
    public static extern nint SCardConnect(nint context, byte* reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [DllImport(Lib)]
    public static extern nint SCardDisconnect(nint card, nuint disposition);

    [DllImport(Lib)]
    public static extern nint SCardTransmit(nint card, IoRequest* sendPci, byte* send, nuint sendLength, IoRequest* receivePci, byte* receive, ref nuint receiveLength);

    [DllImport(Lib)]
    public static extern nint SCardStatus(nint card, byte* readerName, ref nuint readerLength, out nuint state, out nuint protocol, byte* atr, ref nuint atrLength);

    /// <summary>The 32-bit PC/SC code of a LONG result.</summary>
    public static uint Code(nint result) => unchecked((uint)(long)result);

    /// <summary>A short English reason for a PC/SC code.</summary>
    public static string Describe(uint code) => code switch
    {
        Success => "success",
        NoService or ServiceStopped => "the PC/SC service (pcscd) is not running",
        NoReadersAvailable => "no smart-card reader is connected",
        UnknownReader or ReaderUnavailable => "the reader is not available",
        NoSmartcard or RemovedCard => "no card in the reader",
        UnresponsiveCard or UnpoweredCard => "the card does not answer",
        ResetCardWarning => "the card was reset by another program",
        SharingViolation => "another program holds the card",
        Timeout => "timed out",
        InsufficientBuffer => "answer too long",
        _ => "PC/SC error 0x" + code.ToString("X8"),
    };
}
