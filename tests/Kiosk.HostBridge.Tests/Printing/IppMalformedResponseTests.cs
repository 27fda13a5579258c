using System.Net;
using System.Net.Http.Headers;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Printing.Ipp;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Whatever a broken or hostile printer sends, the client answers with a state or a PrinterException, never a crash.</summary>
public class IppMalformedResponseTests
{
    private static byte[] ValidResponse(int requestId, int jobState)
    {
        var m = new IppMessage(0, requestId);
        m.AddGroup(IppTag.OperationAttributes)
            .Add("attributes-charset", IppValue.String(IppTag.Charset, "utf-8"))
            .Add("attributes-natural-language", IppValue.String(IppTag.NaturalLanguage, "en"));
        m.AddGroup(IppTag.JobAttributes)
            .Add("job-id", IppValue.Integer(5))
            .Add("job-state", IppValue.Enum(jobState))
            .Add("job-name", IppValue.String(IppTag.Name, "order-o1-doc-d1"));
        m.AddGroup(IppTag.PrinterAttributes)
            .Add("printer-state", IppValue.Enum(3))
            .Add("printer-state-reasons", IppValue.String(IppTag.Keyword, "none"))
            .Add("printer-is-accepting-jobs", IppValue.Boolean(true));
        return IppEncoder.Encode(m);
    }

    /// <summary>A valid response, then cut, overwritten, spliced or replaced by noise.</summary>
    private static Gen<byte[]> Mangled() =>
        from requestId in Gen.Choose(1, 3)
        from state in Gen.Choose(0, 12)
        from kind in Gen.Choose(0, 4)
        from noise in ArbMap.Default.GeneratorFor<byte[]>()
        from at in Gen.Choose(0, 200)
        from value in Gen.Choose(0, 255)
        select Mangle(ValidResponse(requestId, state), kind, noise, at, (byte)value);

    private static byte[] Mangle(byte[] valid, int kind, byte[] noise, int at, byte value)
    {
        switch (kind)
        {
            case 0:
                return valid[..Math.Min(at, valid.Length)];
            case 1:
                var flipped = (byte[])valid.Clone();
                flipped[at % flipped.Length] = value;
                return flipped;
            case 2:
                var cut = Math.Min(at, valid.Length);
                return valid[..cut].Concat(noise).Concat(valid[cut..]).ToArray();
            case 3:
                return noise;
            default:
                var two = (byte[])valid.Clone();
                two[at % two.Length] = value;
                two[(at * 7 + value) % two.Length] ^= 0xFF;
                return two;
        }
    }

    [Fact]
    public void DecoderOnlyEverThrowsFormatErrors()
    {
        Prop.ForAll(Mangled().ToArbitrary(), bytes =>
        {
            try
            {
                IppDecoder.Decode(bytes);
            }
            catch (IppFormatException)
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000).WithReplay(1234UL, 5677UL));
    }

    [Fact]
    public async Task PrinterSurvivesThousandsOfMangledResponses()
    {
        var random = new Random(20260322);
        var body = Array.Empty<byte>();
        var handler = new CannedHandler(() => body);
        var printer = new IppPrinter(new HttpClient(handler), new IppPrinterOptions { PrinterUri = new Uri("ipp://printer.invalid/ipp/print") });
        var handle = new PrintJobHandle("o1", "5");
        for (var i = 0; i < 3000; i++)
        {
            var valid = ValidResponse(random.Next(1, 6), random.Next(0, 12));
            var noise = new byte[random.Next(0, 40)];
            random.NextBytes(noise);
            body = Mangle(valid, random.Next(0, 5), noise, random.Next(0, 200), (byte)random.Next(256));
            handler.ContentType = random.Next(10) == 0 ? "text/html" : "application/ipp";
            handler.Status = random.Next(15) == 0 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;

            var status = await printer.GetStatusAsync(CancellationToken.None);
            Assert.NotNull(status.Reasons);
            var state = await printer.GetJobStateAsync(handle, CancellationToken.None);
            Assert.True(Enum.IsDefined(state));
            try
            {
                var h = await printer.SubmitAsync(new PrintJob("o1", "s1", "h1", "d1", new byte[] { 1, 2, 3 }, 1), CancellationToken.None);
                Assert.Equal("o1", h.OrderId);
                Assert.True(int.Parse(h.JobId, System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
            catch (PrinterException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Reason));
            }
            try
            {
                await printer.CancelAsync(handle, CancellationToken.None);
            }
            catch (PrinterException)
            {
            }
        }
    }

    [Fact]
    public async Task UnreachablePrinterIsOfflineNotAnException()
    {
        var printer = new IppPrinter(new HttpClient(new CannedHandler(() => throw new HttpRequestException("refused"))),
            new IppPrinterOptions { PrinterUri = new Uri("ipp://printer.invalid/ipp/print") });

        var status = await printer.GetStatusAsync(CancellationToken.None);

        Assert.False(status.Ready);
        Assert.Contains("offline", status.Reasons);
        Assert.Equal(PrintJobState.Unknown, await printer.GetJobStateAsync(new PrintJobHandle("o", "1"), CancellationToken.None));
        var e = await Assert.ThrowsAsync<PrinterException>(() => printer.SubmitAsync(new PrintJob("o", "s", "h", "d", new byte[1], 1), CancellationToken.None));
        Assert.Equal(PrintReasons.PrinterUnavailable, e.Reason);
    }

    /// <summary>Answers every request with the same canned body, echoing the request id only when the body is long enough.</summary>
    private sealed class CannedHandler(Func<byte[]> body) : HttpMessageHandler
    {
        public string ContentType { get; set; } = "application/ipp";
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var sent = await request.Content!.ReadAsByteArrayAsync(ct);
            var bytes = (byte[])body().Clone();
            if (bytes.Length >= 8 && bytes[7] % 2 == 0)
            {
                // Half the time echo the real request id so decoding goes past the id check into the attributes.
                Array.Copy(sent, 4, bytes, 4, 4);
            }
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            return new HttpResponseMessage(Status) { Content = content };
        }
    }
}
