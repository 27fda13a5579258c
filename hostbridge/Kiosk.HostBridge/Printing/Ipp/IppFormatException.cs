namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>An IPP message that is malformed or truncated; the only exception the decoder throws.</summary>
public sealed class IppFormatException : Exception
{
    /// <summary>Describes what was wrong and at which offset.</summary>
    public IppFormatException(string message, int offset) : base(message + " (at byte " + offset + ")") => Offset = offset;

    /// <summary>Byte offset where decoding stopped.</summary>
    public int Offset { get; }
}
