using System.Buffers.Binary;
using System.Text;

namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>Writes an IPP message's header and attribute groups (RFC 8010 §3.1); document data is sent separately.</summary>
public static class IppEncoder
{
    /// <summary>Encodes the message up to and including the end-of-attributes tag.</summary>
    public static byte[] Encode(IppMessage message)
    {
        using var ms = new MemoryStream(256);
        ms.WriteByte(message.VersionMajor);
        ms.WriteByte(message.VersionMinor);
        WriteInt16(ms, message.Code);
        WriteInt32(ms, message.RequestId);
        foreach (var group in message.Groups)
        {
            ms.WriteByte((byte)group.Tag);
            foreach (var attribute in group.Attributes)
            {
                if (attribute.Values.Count == 0)
                {
                    throw new ArgumentException("IPP attribute '" + attribute.Name + "' has no value.");
                }
                var name = Encoding.UTF8.GetBytes(attribute.Name);
                for (var i = 0; i < attribute.Values.Count; i++)
                {
                    var value = attribute.Values[i];
                    ms.WriteByte((byte)value.Tag);
                    // Additional values of a 1setOf carry an empty name (RFC 8010 §3.1.5).
                    WriteBlock(ms, i == 0 ? name : Array.Empty<byte>());
                    WriteBlock(ms, value.Raw);
                }
            }
        }
        ms.WriteByte((byte)IppTag.EndOfAttributes);
        return ms.ToArray();
    }

    private static void WriteBlock(Stream s, byte[] bytes)
    {
        if (bytes.Length > short.MaxValue)
        {
            throw new ArgumentException("IPP name or value longer than 32767 bytes.");
        }
        WriteInt16(s, (short)bytes.Length);
        s.Write(bytes, 0, bytes.Length);
    }

    private static void WriteInt16(Stream s, short v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, v);
        s.Write(b);
    }

    private static void WriteInt32(Stream s, int v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        s.Write(b);
    }
}
