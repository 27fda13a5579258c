using System.Buffers.Binary;
using System.Text;

namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>Reads an IPP message (RFC 8010 §3.1) defensively: any malformed or truncated input is an <see cref="IppFormatException"/>.</summary>
public static class IppDecoder
{
    /// <summary>Upper bound on attributes per message, so a hostile peer cannot make us build huge lists of tiny values.</summary>
    public const int MaxAttributes = 10_000;

    /// <summary>Decodes header and attribute groups; bytes after end-of-attributes (document data) are ignored.</summary>
    public static IppMessage Decode(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        if (data.Length < 8)
        {
            throw new IppFormatException("IPP message shorter than its 8-byte header", data.Length);
        }
        var message = new IppMessage(
            BinaryPrimitives.ReadInt16BigEndian(data.Slice(2, 2)),
            BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4)),
            data[0],
            data[1]);
        if (message.VersionMajor < 1 || message.VersionMajor > 2)
        {
            throw new IppFormatException("unsupported IPP version " + message.VersionMajor + "." + message.VersionMinor, 0);
        }
        pos = 8;
        IppAttributeGroup? group = null;
        IppAttribute? current = null;
        var count = 0;
        while (true)
        {
            if (pos >= data.Length)
            {
                throw new IppFormatException("IPP message ends before end-of-attributes", pos);
            }
            var tag = data[pos];
            if (tag == (byte)IppTag.EndOfAttributes)
            {
                return message;
            }
            if (tag < 0x10)
            {
                // A delimiter tag starts a new group; 0x00 and 0x06-0x0F are reserved but legal to skip per RFC 8010 §3.5.1.
                if (tag == 0x00)
                {
                    throw new IppFormatException("reserved delimiter tag 0x00", pos);
                }
                group = message.AddGroup((IppTag)tag);
                current = null;
                pos++;
                continue;
            }
            if (group is null)
            {
                throw new IppFormatException("attribute before any attribute group", pos);
            }
            if (tag == (byte)IppTag.Extension)
            {
                throw new IppFormatException("extended (0x7F) value tags are not supported", pos);
            }
            pos++;
            var name = ReadBlock(data, ref pos, "name");
            var value = ReadBlock(data, ref pos, "value");
            CheckFixedLength((IppTag)tag, value.Length, pos);
            var ippValue = new IppValue((IppTag)tag, value.ToArray());
            if (name.Length == 0)
            {
                if (current is null)
                {
                    throw new IppFormatException("additional value without a preceding attribute", pos);
                }
                current.Values.Add(ippValue);
            }
            else
            {
                if (++count > MaxAttributes)
                {
                    throw new IppFormatException("too many attributes", pos);
                }
                current = new IppAttribute(Encoding.UTF8.GetString(name), ippValue);
                group.Attributes.Add(current);
            }
        }
    }

    private static ReadOnlySpan<byte> ReadBlock(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        if (pos + 2 > data.Length)
        {
            throw new IppFormatException("truncated " + what + " length", pos);
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(pos, 2));
        pos += 2;
        if (length > short.MaxValue)
        {
            throw new IppFormatException(what + " length over 32767", pos);
        }
        if (pos + length > data.Length)
        {
            throw new IppFormatException("truncated " + what, pos);
        }
        var block = data.Slice(pos, length);
        pos += length;
        return block;
    }

    private static void CheckFixedLength(IppTag tag, int length, int pos)
    {
        var expected = tag switch
        {
            IppTag.Integer or IppTag.Enum => 4,
            IppTag.Boolean => 1,
            IppTag.DateTime => 11,
            IppTag.Resolution => 9,
            IppTag.RangeOfInteger => 8,
            _ => -1,
        };
        if (expected >= 0 && length != expected)
        {
            throw new IppFormatException(tag + " value of " + length + " bytes, expected " + expected, pos);
        }
    }
}
