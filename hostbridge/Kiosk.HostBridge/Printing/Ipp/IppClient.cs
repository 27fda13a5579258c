using System.Net.Http.Headers;

namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>A minimal IPP/1.1 client over HTTP POST (RFC 8010 §4): the four operations a kiosk needs.</summary>
public sealed class IppClient
{
    /// <summary>Responses larger than this are refused: a printer's attributes fit well within it.</summary>
    public const int MaxResponseBytes = 1 << 20;

    private readonly HttpClient http;
    private readonly Uri httpUri;
    private readonly string printerUri;
    private readonly string userName;
    private int requestId;

    /// <summary>A client for one printer; <paramref name="printerUri"/> is ipp://, ipps://, http:// or https://.</summary>
    public IppClient(HttpClient http, Uri printerUri, string requestingUserName)
    {
        this.http = http;
        this.printerUri = printerUri.ToString();
        userName = requestingUserName;
        var b = new UriBuilder(printerUri);
        if (b.Scheme == "ipp" || b.Scheme == "ipps")
        {
            var port = printerUri.IsDefaultPort || printerUri.Port < 0 ? 631 : printerUri.Port;
            b.Scheme = b.Scheme == "ipps" ? "https" : "http";
            b.Port = port;
        }
        httpUri = b.Uri;
    }

    /// <summary>Get-Printer-Attributes for the named attributes.</summary>
    public Task<IppMessage> GetPrinterAttributesAsync(IReadOnlyList<string> requested, CancellationToken ct)
    {
        var request = NewRequest(IppOperation.GetPrinterAttributes, out var op);
        op.Add("requested-attributes", Keywords(requested));
        return SendAsync(request, null, ct);
    }

    /// <summary>Print-Job with the document in the body; the job name carries the order binding.</summary>
    public Task<IppMessage> PrintJobAsync(string jobName, string documentFormat, byte[] document, int copies, CancellationToken ct)
    {
        var request = NewRequest(IppOperation.PrintJob, out var op);
        op.Add("job-name", IppValue.String(IppTag.Name, jobName));
        op.Add("document-format", IppValue.String(IppTag.MimeMediaType, documentFormat));
        if (copies > 1)
        {
            request.AddGroup(IppTag.JobAttributes).Add("copies", IppValue.Integer(copies));
        }
        return SendAsync(request, document, ct);
    }

    /// <summary>Get-Job-Attributes for one job.</summary>
    public Task<IppMessage> GetJobAttributesAsync(int jobId, IReadOnlyList<string> requested, CancellationToken ct)
    {
        var request = NewRequest(IppOperation.GetJobAttributes, out var op);
        op.Add("job-id", IppValue.Integer(jobId));
        op.Add("requested-attributes", Keywords(requested));
        return SendAsync(request, null, ct);
    }

    /// <summary>Get-Jobs for the jobs not yet completed (which-jobs = not-completed).</summary>
    public Task<IppMessage> GetOpenJobsAsync(IReadOnlyList<string> requested, CancellationToken ct) => GetJobsAsync("not-completed", requested, ct);

    /// <summary>Get-Jobs with which-jobs = "completed" or "not-completed".</summary>
    public Task<IppMessage> GetJobsAsync(string whichJobs, IReadOnlyList<string> requested, CancellationToken ct)
    {
        var request = NewRequest(IppOperation.GetJobs, out var op);
        op.Add("which-jobs", IppValue.String(IppTag.Keyword, whichJobs));
        op.Add("requested-attributes", Keywords(requested));
        return SendAsync(request, null, ct);
    }

    /// <summary>Cancel-Job for one job.</summary>
    public Task<IppMessage> CancelJobAsync(int jobId, CancellationToken ct)
    {
        var request = NewRequest(IppOperation.CancelJob, out var op);
        op.Add("job-id", IppValue.Integer(jobId));
        return SendAsync(request, null, ct);
    }

    /// <summary>Sends a request and decodes the response; throws <see cref="IppException"/> on HTTP or IPP error status,
    /// <see cref="IppFormatException"/> on a malformed body and <see cref="HttpRequestException"/> when unreachable.</summary>
    public async Task<IppMessage> SendAsync(IppMessage request, byte[]? document, CancellationToken ct)
    {
        using var content = new IppContent(IppEncoder.Encode(request), document);
        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, httpUri) { Content = content };
        httpRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ipp"));
        using var response = await http.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new IppException("printer answered HTTP " + (int)response.StatusCode);
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(type, "application/ipp", StringComparison.OrdinalIgnoreCase))
        {
            throw new IppException("printer answered with content type '" + type + "', not application/ipp");
        }
        var body = await ReadLimitedAsync(response.Content, ct).ConfigureAwait(false);
        var message = IppDecoder.Decode(body);
        if (message.RequestId != request.RequestId)
        {
            throw new IppException("response request-id " + message.RequestId + " does not match " + request.RequestId);
        }
        if (!IppStatus.IsSuccess(message.Code))
        {
            var text = message.Find(IppTag.OperationAttributes, "status-message")?.Values[0].AsString();
            throw new IppException("IPP status 0x" + ((int)message.Code).ToString("X4") + (text is null ? "" : " (" + text + ")"), message.Code);
        }
        return message;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var ms = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > MaxResponseBytes)
            {
                throw new IppException("printer response larger than " + MaxResponseBytes + " bytes");
            }
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    private IppMessage NewRequest(IppOperation operation, out IppAttributeGroup op)
    {
        var request = new IppMessage((short)operation, Interlocked.Increment(ref requestId));
        op = request.AddGroup(IppTag.OperationAttributes)
            .Add("attributes-charset", IppValue.String(IppTag.Charset, "utf-8"))
            .Add("attributes-natural-language", IppValue.String(IppTag.NaturalLanguage, "en"))
            .Add("printer-uri", IppValue.String(IppTag.Uri, printerUri))
            .Add("requesting-user-name", IppValue.String(IppTag.Name, userName));
        return request;
    }

    private static IppValue[] Keywords(IReadOnlyList<string> names)
    {
        var values = new IppValue[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            values[i] = IppValue.String(IppTag.Keyword, names[i]);
        }
        return values;
    }
}
