using System.Net;
using System.Net.Http.Headers;

namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>An application/ipp body: the encoded header followed by the caller's document bytes, streamed without a copy
/// so that the document exists once in the bridge's memory and is wiped in one place.</summary>
internal sealed class IppContent : HttpContent
{
    private readonly byte[] header;
    private readonly byte[]? document;

    public IppContent(byte[] header, byte[]? document)
    {
        this.header = header;
        this.document = document;
        Headers.ContentType = new MediaTypeHeaderValue("application/ipp");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsyncCore(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeToStreamAsyncCore(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = header.Length + (document?.Length ?? 0);
        return true;
    }

    private async Task SerializeToStreamAsyncCore(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(header, ct).ConfigureAwait(false);
        if (document is not null)
        {
            await stream.WriteAsync(document, ct).ConfigureAwait(false);
        }
    }
}
