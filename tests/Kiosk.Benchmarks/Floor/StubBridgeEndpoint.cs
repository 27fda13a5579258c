using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kiosk.Benchmarks.Floor;

/// <summary>A trivial kiosk endpoint for the rig-alone layer: real mutual TLS (the fleet server certificate, a client certificate
/// required), HTTP/1.1 keep-alive, and canned answers that walk a terminal through one issuance — session, authenticate,
/// one product, an order that is paid at the first long poll and printed at the next, end. It checks nothing and stores nothing,
/// so what the terminals cost is all that is left. Its threads are named "stub-bridge" and are not counted.</summary>
internal sealed class StubBridgeEndpoint : IDisposable
{
    private const string ProductsBody = "{\"products\":[{\"code\":\"juminhyo\",\"available\":true,\"feeYen\":200,\"maxCopies\":1,\"options\":[],\"members\":[],\"years\":[]}]}";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Thread _accept;
    private volatile bool _stopped;
    private long _next;

    /// <summary>Listens on a loopback port with <paramref name="serverCertificate"/> (with its key).</summary>
    public StubBridgeEndpoint(X509Certificate2 serverCertificate)
    {
        // Through PKCS#12 so the key is one SslStream can use on every platform.
        _certificate = X509CertificateLoader.LoadPkcs12(serverCertificate.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "stub-bridge accept" };
        _accept.Start();
    }

    /// <summary>The port terminals connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            TcpClient client;
            try { client = _listener.AcceptTcpClient(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            new Thread(() => Serve(client)) { IsBackground = true, Name = "stub-bridge" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            using (client)
            using (var ssl = new SslStream(client.GetStream(), false))
            {
                ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null,
                });
                var reader = new RequestReader(ssl);
                while (!_stopped && reader.Next() is { } request)
                {
                    var (status, body) = Answer(request.Method, request.Target);
                    var bytes = Encoding.ASCII.GetBytes(body);
                    var head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.Length + "\r\n\r\n";
                    ssl.Write(Encoding.ASCII.GetBytes(head));
                    ssl.Write(bytes);
                    ssl.Flush();
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // A terminal that goes away ends its connection; the next one reconnects.
        }
    }

    private (string Status, string Body) Answer(string method, string target)
    {
        long n = Interlocked.Increment(ref _next);
        if (method == "POST" && target == "/v1/sessions")
            return ("201 Created", "{\"sessionId\":\"s" + n + "\",\"challenge\":\"" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\"}");
        if (method == "POST" && target.EndsWith("/authenticate", StringComparison.Ordinal))
            return ("200 OK", "{\"municipalityCode\":\"131016\",\"municipalityName\":\"Chiyoda\",\"receiptCode\":\"R" + n + "\"}");
        if (method == "GET" && target.EndsWith("/products", StringComparison.Ordinal)) return ("200 OK", ProductsBody);
        if (method == "POST" && target.EndsWith("/orders", StringComparison.Ordinal))
            return ("201 Created", "{\"orderId\":\"o" + n + "\",\"paymentCode\":\"1234-5678-9012\",\"feeYen\":200,\"state\":\"awaiting-payment\"}");
        if (method == "GET" && target.StartsWith("/v1/orders/", StringComparison.Ordinal))
            return ("200 OK", target.Contains("state=awaiting-payment", StringComparison.Ordinal) ? "{\"state\":\"paid\"}" : "{\"state\":\"printed\"}");
        if (method == "DELETE") return ("204 No Content", "");
        if (method == "POST" && target == "/v1/heartbeat") return ("200 OK", "{}");
        return ("404 Not Found", "{\"code\":\"not-found\"}");
    }

    /// <summary>Stops listening (open connections end with their terminals).</summary>
    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
        _accept.Join(TimeSpan.FromSeconds(5));
        _certificate.Dispose();
    }

    /// <summary>Reads HTTP/1.1 requests framed by Content-Length (what the core's client sends) off one stream.</summary>
    private sealed class RequestReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start, _end;

        public (string Method, string Target)? Next()
        {
            int headEnd;
            while ((headEnd = IndexOfHeadEnd()) < 0)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length) throw new IOException("request head too long");
                int read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0) return null;
                _end += read;
            }
            var head = Encoding.ASCII.GetString(_buffer, _start, headEnd - _start);
            var lines = head.Split("\r\n");
            var first = lines[0].Split(' ');
            int length = 0;
            foreach (var line in lines)
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            _start = headEnd + 4;
            // The body is read and dropped: the stub answers from the path alone.
            while (length > 0)
            {
                if (_end > _start)
                {
                    int take = Math.Min(length, _end - _start);
                    _start += take;
                    length -= take;
                    continue;
                }
                _start = _end = 0;
                int read = stream.Read(_buffer, 0, _buffer.Length);
                if (read == 0) return null;
                _end = read;
            }
            return (first[0], first.Length > 1 ? first[1] : "");
        }

        private int IndexOfHeadEnd()
        {
            for (int i = _start; i + 3 < _end; i++)
                if (_buffer[i] == '\r' && _buffer[i + 1] == '\n' && _buffer[i + 2] == '\r' && _buffer[i + 3] == '\n') return i;
            return -1;
        }
    }
}
