using System.Buffers.Binary;
using System.Text;

namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>One value of an IPP attribute: its tag and its raw bytes as on the wire.</summary>
public sealed class IppValue
{
    /// <summary>Wraps raw bytes; the encoder and decoder check lengths for fixed-size tags.</summary>
    public IppValue(IppTag tag, byte[] raw)
    {
        Tag = tag;
        Raw = raw;
    }

    /// <summary>The value tag.</summary>
    public IppTag Tag { get; }

    /// <summary>The value bytes (big-endian for numbers, UTF-8 for strings).</summary>
    public byte[] Raw { get; }

    /// <summary>An integer value.</summary>
    public static IppValue Integer(int value) => new(IppTag.Integer, BigEndian(value));

    /// <summary>An enum value.</summary>
    public static IppValue Enum(int value) => new(IppTag.Enum, BigEndian(value));

    /// <summary>A boolean value.</summary>
    public static IppValue Boolean(bool value) => new(IppTag.Boolean, new[] { value ? (byte)1 : (byte)0 });

    /// <summary>A string-typed value (keyword, name, uri, charset ...), UTF-8 encoded.</summary>
    public static IppValue String(IppTag tag, string value) => new(tag, Encoding.UTF8.GetBytes(value));

    /// <summary>The value as a 32-bit integer, or null when it is not an integer or enum of four bytes.</summary>
    public int? AsInt32() =>
        (Tag == IppTag.Integer || Tag == IppTag.Enum) && Raw.Length == 4 ? BinaryPrimitives.ReadInt32BigEndian(Raw) : null;

    /// <summary>The value as a boolean, or null when it is not one.</summary>
    public bool? AsBoolean() => Tag == IppTag.Boolean && Raw.Length == 1 ? Raw[0] != 0 : null;

    /// <summary>The value as text; invalid UTF-8 becomes replacement characters rather than an exception.</summary>
    public string AsString() => Encoding.UTF8.GetString(Raw);

    /// <inheritdoc />
    public override string ToString() => Tag + ":" + (AsInt32()?.ToString() ?? AsBoolean()?.ToString() ?? AsString());

    private static byte[] BigEndian(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }
}
