using System.Formats.Asn1;
using System.Text;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>Encodes the Card Info Input Support AP's EFs from a profile.</summary>
public static class CardContents
{
    /// <summary>Token EF 0006: "JPKIAPICCTOKEN2" padded with spaces to 32 bytes (readers trim spaces and NULs).</summary>
    public static byte[] Token()
    {
        var token = new byte[32];
        Array.Fill(token, (byte)' ');
        Encoding.ASCII.GetBytes("JPKIAPICCTOKEN2").CopyTo(token, 0);
        return token;
    }

    /// <summary>EF 0001: private tag 16 (D0) + length 12 + ASCII digits, padded with FF to the 17 bytes readers fetch.</summary>
    public static byte[] MyNumber(string myNumber)
    {
        var ef = new byte[17];
        Array.Fill(ef, (byte)0xFF);
        ef[0] = 0xD0;
        ef[1] = 12;
        Encoding.ASCII.GetBytes(myNumber).CopyTo(ef, 2);
        return ef;
    }

    /// <summary>
    /// EF 0002: private constructed tag 32 (FF 20) holding DF 21 header (2-byte offsets of the next four fields,
    /// counted from the start of the FF 20 value), DF 22 name, DF 23 address, DF 24 birth date YYYYMMDD, DF 25 sex (ISO 5218).
    /// </summary>
    public static byte[] BasicFourInfo(ResidentProfile profile)
    {
        var fields = new[]
        {
            Encoding.UTF8.GetBytes(profile.Name),
            Encoding.UTF8.GetBytes(profile.Address),
            Encoding.ASCII.GetBytes(profile.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
            Encoding.ASCII.GetBytes(profile.SexCode),
        };
        var encoded = new byte[4][];
        for (var i = 0; i < 4; i++)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.WriteOctetString(fields[i], new Asn1Tag(TagClass.Private, 0x22 + i));
            encoded[i] = w.Encode();
        }
        var headerLength = new AsnWriter(AsnEncodingRules.DER);
        headerLength.WriteOctetString(new byte[8], new Asn1Tag(TagClass.Private, 0x21));
        var offset = headerLength.GetEncodedLength();
        var offsets = new byte[8];
        for (var i = 0; i < 4; i++)
        {
            offsets[2 * i] = (byte)(offset >> 8);
            offsets[2 * i + 1] = (byte)offset;
            offset += encoded[i].Length;
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.Private, 0x20, isConstructed: true)))
        {
            writer.WriteOctetString(offsets, new Asn1Tag(TagClass.Private, 0x21));
            foreach (var e in encoded) writer.WriteEncodedValue(e);
        }
        return writer.Encode();
    }
}
