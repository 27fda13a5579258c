using Kiosk.HostBridge.Printing.Ipp;

namespace Kiosk.HostBridge.Tests.PrintingTests;

public class IppCodecTests
{
    [Fact]
    public void EncodesTheWireFormatOfRfc8010()
    {
        var m = new IppMessage((short)IppOperation.GetJobAttributes, 0x01020304);
        m.AddGroup(IppTag.OperationAttributes)
            .Add("job-id", IppValue.Integer(7))
            .Add("requested-attributes", IppValue.String(IppTag.Keyword, "a"), IppValue.String(IppTag.Keyword, "bc"));

        var bytes = IppEncoder.Encode(m);

        byte[] expected =
        [
            0x01, 0x01, 0x00, 0x09, 0x01, 0x02, 0x03, 0x04,
            0x01,
            0x21, 0x00, 0x06, (byte)'j', (byte)'o', (byte)'b', (byte)'-', (byte)'i', (byte)'d', 0x00, 0x04, 0, 0, 0, 7,
            0x44, 0x00, 0x14, .. "requested-attributes"u8.ToArray(), 0x00, 0x01, (byte)'a',
            0x44, 0x00, 0x00, 0x00, 0x02, (byte)'b', (byte)'c',
            0x03,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void DecodesWhatItEncodes()
    {
        var m = new IppMessage(0x0000, 42, 2, 0);
        m.AddGroup(IppTag.OperationAttributes).Add("attributes-charset", IppValue.String(IppTag.Charset, "utf-8"));
        m.AddGroup(IppTag.JobAttributes)
            .Add("job-id", IppValue.Integer(12))
            .Add("job-state", IppValue.Enum(9))
            .Add("is-ok", IppValue.Boolean(true))
            .Add("job-name", IppValue.String(IppTag.Name, "order-abc-doc-1"));

        var d = IppDecoder.Decode(IppEncoder.Encode(m));

        Assert.Equal(2, d.VersionMajor);
        Assert.Equal(42, d.RequestId);
        Assert.Equal(12, d.Find(IppTag.JobAttributes, "job-id")!.Values[0].AsInt32());
        Assert.Equal(9, d.Find(IppTag.JobAttributes, "job-state")!.Values[0].AsInt32());
        Assert.True(d.Find(IppTag.JobAttributes, "is-ok")!.Values[0].AsBoolean());
        Assert.Equal("order-abc-doc-1", d.Find(IppTag.JobAttributes, "job-name")!.Values[0].AsString());
        Assert.Null(d.Find(IppTag.PrinterAttributes, "job-id"));
    }

    [Fact]
    public void KeepsAdditionalValuesAndStepsOverCollections()
    {
        // media-col-default = { media-size-name = "a4" } followed by printer-state, as printers send it.
        var m = new IppMessage(0, 1);
        var g = m.AddGroup(IppTag.PrinterAttributes);
        g.Attributes.Add(new IppAttribute("media-col-default",
            new IppValue(IppTag.BeginCollection, Array.Empty<byte>()),
            IppValue.String(IppTag.MemberAttrName, "media-size-name"),
            IppValue.String(IppTag.Keyword, "iso_a4_210x297mm"),
            new IppValue(IppTag.EndCollection, Array.Empty<byte>())));
        g.Add("printer-state", IppValue.Enum(3));
        g.Add("printer-state-reasons", IppValue.String(IppTag.Keyword, "media-low-warning"), IppValue.String(IppTag.Keyword, "toner-low-report"));

        var d = IppDecoder.Decode(IppEncoder.Encode(m));

        Assert.Equal(4, d.Find(IppTag.PrinterAttributes, "media-col-default")!.Values.Count);
        Assert.Equal(3, d.Find(IppTag.PrinterAttributes, "printer-state")!.Values[0].AsInt32());
        Assert.Equal(new[] { "media-low-warning", "toner-low-report" },
            d.Find(IppTag.PrinterAttributes, "printer-state-reasons")!.Values.Select(v => v.AsString()));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1 })]                          // no end-of-attributes
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, 0x21, 0, 0, 0, 4, 0, 0, 0, 1, 3 })] // value before any group
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, 1, 0x21, 0, 1, (byte)'a', 0, 3, 0, 0, 1, 3 })] // integer of 3 bytes
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, 1, 0x44, 0, 9, (byte)'a' })]    // name runs past the end
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, 1, 0x44, 0xFF, 0xFF, 3 })]      // name length over 32767
    [InlineData(new byte[] { 9, 1, 0, 0, 0, 0, 0, 1, 3 })]                           // version 9
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, 1, 0x44, 0, 0, 0, 1, (byte)'x', 3 })] // additional value with no attribute
    public void RejectsMalformedMessagesWithAFormatError(byte[] bytes)
    {
        Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes));
    }

    [Fact]
    public void EncoderRefusesAnAttributeWithoutValues()
    {
        var m = new IppMessage(1, 1);
        m.AddGroup(IppTag.OperationAttributes).Attributes.Add(new IppAttribute("empty"));
        Assert.Throws<ArgumentException>(() => IppEncoder.Encode(m));
    }
}
