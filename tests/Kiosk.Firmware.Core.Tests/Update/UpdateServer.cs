using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kiosk.Firmware.Core.Bridge;

namespace Kiosk.Firmware.Core.Tests.Update;

/// <summary>
/// The bridge's update endpoints on a loopback socket (HTTP/1.1 keep-alive): an offer, a bundle served with Range like Kestrel does
/// (206, 416 past the end), reports recorded. It can cut a download mid-body, and serve a copy shorter or different from the offer.
/// </summary>
public sealed class UpdateServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private volatile bool _stopping;

    public UpdateServer(string version, byte[] bundle)
    {
        Version = version;
        Offered = bundle;
        Served = bundle;
        _listener.Start();
        new Thread(Accept) { IsBackground = true }.Start();
    }

    public string Version { get; set; }
    /// <summary>What the offer announces (size, digest).</summary>
    public byte[] Offered { get; set; }
    /// <summary>What the download endpoint actually serves.</summary>
    public byte[] Served { get; set; }
    /// <summary>The offer's action: install, rollback, none.</summary>
    public string Action { get; set; } = "install";
    /// <summary>Cut the connection after this many body bytes of the next download answers (one entry per answer).</summary>
    public Queue<int> CutDownloadsAfter { get; } = new();
    public List<string> Requests { get; } = new();
    public List<string> Reports { get; } = new();
    public int Connections;

    public IStreamFactory Factory() => new Tcp(((IPEndPoint)_listener.LocalEndpoint).Port);

    public List<string> RangeHeaders() { lock (Requests) return Requests.Select(r => r.Split("\r\n").FirstOrDefault(l => l.StartsWith("Range:")) ?? "").Where(l => l.Length > 0).ToList(); }

    private sealed class Tcp(int port) : IStreamFactory
    {
        public Stream? Connect()
        {
            var c = new TcpClient();
            c.Connect(IPAddress.Loopback, port);
            return c.GetStream();
        }
    }

    private void Accept()
    {
        while (!_stopping)
        {
            TcpClient c;
            try { c = _listener.AcceptTcpClient(); } catch { return; }
            Interlocked.Increment(ref Connections);
            new Thread(() => Serve(c)) { IsBackground = true }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        using var _ = client;
        var s = client.GetStream();
        try
        {
            while (!_stopping)
            {
                var head = ReadHead(s);
                if (head is null) return;
                var lines = head.Split("\r\n");
                var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(l => int.Parse(l[15..].Trim())).FirstOrDefault();
                var body = new byte[length];
                for (var n = 0; n < length;) n += s.Read(body, n, length - n);
                lock (Requests) Requests.Add(head);
                var target = lines[0].Split(' ')[1];
                if (target.StartsWith("/v1/updates/report"))
                {
                    lock (Reports) Reports.Add(Encoding.UTF8.GetString(body));
                    Write(s, 200, "application/json", "{\"state\":\"recorded\",\"decision\":null}"u8.ToArray());
                }
                else if (target.StartsWith("/v1/updates/bundles/"))
                {
                    if (!ServeBundle(s, lines)) return;
                }
                else if (target.StartsWith("/v1/updates"))
                {
                    var offer = Action == "none" ? "{\"action\":\"none\",\"version\":null,\"size\":null,\"sha256\":null,\"url\":null,\"reason\":\"no-rollout\",\"retryAfterSeconds\":null}"
                        : "{\"action\":\"" + Action + "\",\"version\":\"" + Version + "\",\"size\":" + Offered.Length + ",\"sha256\":\""
                          + Convert.ToHexStringLower(SHA256.HashData(Offered)) + "\",\"url\":\"/v1/updates/bundles/0123456789abcdef0123456789abcdef\",\"reason\":null,\"retryAfterSeconds\":null}";
                    Write(s, 200, "application/json", Encoding.UTF8.GetBytes(offer));
                }
                else
                {
                    Write(s, 404, "application/problem+json", "{\"code\":\"not-found\"}"u8.ToArray());
                }
            }
        }
        catch (IOException) { }
    }

    private bool ServeBundle(Stream s, string[] lines)
    {
        var range = lines.FirstOrDefault(l => l.StartsWith("Range: bytes="));
        int from = 0, to = Served.Length - 1, status = 200;
        if (range is not null)
        {
            var spec = range["Range: bytes=".Length..].Split('-');
            from = int.Parse(spec[0]);
            to = Math.Min(int.Parse(spec[1]), Served.Length - 1);
            if (from >= Served.Length)
            {
                Write(s, 416, "text/plain", []);
                return true;
            }
            status = 206;
        }
        var payload = Served[from..(to + 1)];
        int? cut;
        lock (CutDownloadsAfter) cut = CutDownloadsAfter.Count > 0 ? CutDownloadsAfter.Dequeue() : null;
        if (cut is { } n)
        {
            var head = "HTTP/1.1 " + status + " Partial\r\nContent-Type: application/octet-stream\r\nContent-Length: " + payload.Length + "\r\n\r\n";
            s.Write(Encoding.ASCII.GetBytes(head));
            s.Write(payload, 0, Math.Min(n, payload.Length));
            s.Flush();
            return false;
        }
        Write(s, status, "application/octet-stream", payload);
        return true;
    }

    private static void Write(Stream s, int status, string type, byte[] payload)
    {
        s.Write(Encoding.ASCII.GetBytes("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + payload.Length + "\r\n\r\n"));
        s.Write(payload);
        s.Flush();
    }

    private static string? ReadHead(Stream s)
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

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
    }
}
