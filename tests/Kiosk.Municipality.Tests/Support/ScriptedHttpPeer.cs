using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.Municipality.Tests.Support;

/// <summary>
/// A tiny HTTP/1.1 peer on a real loopback socket whose answers a test scripts (status + JSON, or silence), for the
/// failure modes the real municipality cannot be made to show on demand: hanging, 503s. Counts requests received.
/// </summary>
public sealed class ScriptedHttpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <summary>Given the request number (1-based), the status and body to answer, or null to never answer.</summary>
    public Func<int, (int Status, string Body)?> Script { get; set; } = _ => (503, "{}");

    public int Requests => Volatile.Read(ref _requests);
    public Uri BaseAddress { get; }

    public ScriptedHttpPeer()
    {
        _listener.Start();
        BaseAddress = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
        _loop = Task.Run(AcceptLoop);
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new byte[65536];
        var received = new StringBuilder();
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
                var text = received.ToString();
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                var header = text[..end];
                var lengthLine = header.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine.Split(':')[1].Trim());
                if (Encoding.UTF8.GetByteCount(text[(end + 4)..]) < length) continue;
                break;
            }
            var answer = Script(Interlocked.Increment(ref _requests));
            if (answer is not { } a)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            var body = Encoding.UTF8.GetBytes(a.Body);
            var head = $"HTTP/1.1 {a.Status} X\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
