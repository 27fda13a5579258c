using System.Net;
using System.Net.Sockets;
using System.Text;
using Kiosk.Firmware.Core.Bridge;

namespace Kiosk.Firmware.Core.Tests.Bridge;

/// <summary>A small HTTP/1.1 keep-alive server on a loopback socket playing the bridge's side of docs/kiosk-protocol.md,
/// recording every byte it receives. Handlers map "METHOD /path" to (status, content type, body).</summary>
public sealed class LoopbackBridgeServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly Thread _thread;
    readonly MemoryStream _received = new();
    volatile bool _stopping;
    public int Connections;
    public int Requests;
    public readonly List<string> RequestLines = new();
    public readonly List<string> RequestHeads = new();
    public readonly List<string> Bodies = new();
    /// <summary>Close the connection after this many requests on it (0 = never).</summary>
    public int CloseAfter;
    /// <summary>Use chunked transfer encoding for bodies.</summary>
    public bool Chunked;
    public Func<string, string, (int Status, string Body)> Handler = DefaultHandler;

    public LoopbackBridgeServer()
    {
        _listener.Start();
        _thread = new Thread(AcceptLoop) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ReceivedText { get { lock (_received) return Encoding.UTF8.GetString(_received.ToArray()); } }

    public IStreamFactory Factory() => new TcpFactory(Port);

    sealed class TcpFactory(int port) : IStreamFactory
    {
        public Stream? Connect()
        {
            var c = new TcpClient();
            c.Connect(IPAddress.Loopback, port);
            return c.GetStream();
        }
    }

    void AcceptLoop()
    {
        while (!_stopping)
        {
            TcpClient c;
            try { c = _listener.AcceptTcpClient(); } catch { return; }
            Interlocked.Increment(ref Connections);
            new Thread(() => Serve(c)) { IsBackground = true }.Start();
        }
    }

    void Serve(TcpClient client)
    {
        using var _ = client;
        var s = client.GetStream();
        var served = 0;
        try
        {
            while (!_stopping)
            {
                var head = ReadHead(s);
                if (head == null) return;
                var lines = head.Split("\r\n");
                var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(l => int.Parse(l[15..].Trim())).FirstOrDefault();
                var body = new byte[length];
                for (var n = 0; n < length;) n += s.Read(body, n, length - n);
                lock (_received) { _received.Write(Encoding.UTF8.GetBytes(head)); _received.Write(body); }
                var parts = lines[0].Split(' ');
                var bodyText = Encoding.UTF8.GetString(body);
                lock (RequestLines) { RequestLines.Add(parts[0] + " " + parts[1]); RequestHeads.Add(head); Bodies.Add(bodyText); }
                Interlocked.Increment(ref Requests);
                var (status, json) = Handler(parts[0] + " " + parts[1], bodyText);
                served++;
                var close = CloseAfter > 0 && served >= CloseAfter;
                var type = status >= 400 ? "application/problem+json" : "application/json";
                var payload = Encoding.UTF8.GetBytes(json);
                var sb = new StringBuilder();
                sb.Append("HTTP/1.1 ").Append(status).Append(status < 300 ? " OK" : " Error").Append("\r\n");
                if (status != 204) sb.Append("Content-Type: ").Append(type).Append("\r\n");
                if (close) sb.Append("Connection: close\r\n");
                if (status == 204) { sb.Append("\r\n"); s.Write(Encoding.ASCII.GetBytes(sb.ToString())); }
                else if (Chunked)
                {
                    sb.Append("Transfer-Encoding: chunked\r\n\r\n");
                    s.Write(Encoding.ASCII.GetBytes(sb.ToString()));
                    for (var i = 0; i < payload.Length; i += 7)
                    {
                        var n = Math.Min(7, payload.Length - i);
                        s.Write(Encoding.ASCII.GetBytes(n.ToString("x") + "\r\n"));
                        s.Write(payload, i, n);
                        s.Write("\r\n"u8);
                    }
                    s.Write("0\r\n\r\n"u8);
                }
                else
                {
                    sb.Append("Content-Length: ").Append(payload.Length).Append("\r\n\r\n");
                    s.Write(Encoding.ASCII.GetBytes(sb.ToString()));
                    s.Write(payload);
                }
                s.Flush();
                if (close) return;
            }
        }
        catch (IOException) { }
    }

    static string? ReadHead(Stream s)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var b = s.ReadByte();
            if (b < 0) return null;
            sb.Append((char)b);
            if (sb.Length >= 4 && sb.ToString(sb.Length - 4, 4) == "\r\n\r\n") return sb.ToString(0, sb.Length - 4);
        }
    }

    int _polls;

    public static (int, string) DefaultHandler(string route, string body) => throw new InvalidOperationException("no handler for " + route);

    /// <summary>A protocol-following handler for a whole transaction (session S1, order O1 printed on the third poll).</summary>
    public (int, string) Protocol(string route, string body)
    {
        // A long poll (?wait=&state=) is answered at once here, as a bridge whose wait ended would.
        if (route.StartsWith("GET /v1/orders/O1?wait=", StringComparison.Ordinal) && route.Contains("&state=", StringComparison.Ordinal)) route = "GET /v1/orders/O1";
        switch (route)
        {
            case "POST /v1/sessions":
                return (201, "{\"sessionId\":\"S1\",\"challenge\":\"" + Convert.ToBase64String(new byte[32]) + "\",\"expiresAt\":\"2026-11-22T03:10:00Z\",\"ttlSeconds\":600}");
            case "POST /v1/sessions/S1/authenticate":
                return (200, "{\"municipalityCode\":\"131016\",\"municipalityName\":\"千代田区\",\"receiptCode\":\"R-42\"}");
            case "GET /v1/sessions/S1/products":
                return (200, Session.FakeBridge.DefaultProducts);
            case "POST /v1/sessions/S1/orders":
                return (201, "{\"orderId\":\"O1\",\"state\":\"awaiting-payment\",\"feeYen\":300,\"paymentCode\":\"PAY-7731\"}");
            case "GET /v1/orders/O1":
                var n = Interlocked.Increment(ref _polls);
                return (200, "{\"orderId\":\"O1\",\"state\":\"" + (n < 2 ? "awaiting-payment" : n < 3 ? "printing" : "printed") + "\",\"paymentCode\":\"PAY-7731\",\"reason\":null}");
            case "POST /v1/orders/O1/cancel":
                return (200, "{\"orderId\":\"O1\",\"state\":\"cancelled\"}");
            case "DELETE /v1/sessions/S1":
                return (204, "");
            case "POST /v1/heartbeat":
                return (200, "{\"serverTime\":\"2026-11-22T03:00:00Z\"}");
            default:
                return (404, "{\"type\":\"https://kiosk.invalid/problems/session-not-found\",\"title\":\"Not found\",\"status\":404,\"code\":\"session-not-found\",\"retryable\":false}");
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
    }
}
