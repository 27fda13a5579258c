using System.Net;
using System.Net.Sockets;

namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>Runs a <see cref="Pn532Emulator"/> on a byte stream: a pty (socat), a TCP connection or an <see cref="Links.InMemoryLink"/> end.</summary>
public sealed class Pn532Host : IDisposable
{
    private readonly Stream _stream;
    private readonly Thread _reader;
    private readonly object _writeGate = new();
    private volatile bool _stopped;

    /// <summary>Starts pumping bytes between <paramref name="stream"/> and a new emulator (on a background thread).</summary>
    public Pn532Host(Stream stream, Pn532Timing? timing = null, Action<string>? log = null)
    {
        _stream = stream;
        Emulator = new Pn532Emulator(Write, timing) { Log = log };
        _reader = new Thread(Pump) { IsBackground = true, Name = "pn532-emulator" };
        _reader.Start();
    }

    /// <summary>The emulator: place cards, inject faults, read modeled time.</summary>
    public Pn532Emulator Emulator { get; }

    /// <summary>Set when the stream ended or failed.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the stream closes.</summary>
    public bool Join(TimeSpan timeout) => _reader.Join(timeout);

    /// <summary>Opens a serial device or pty (e.g. a socat end) for reading and writing, unbuffered.</summary>
    public static Stream OpenSerial(string path) => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);

    /// <summary>Accepts TCP clients on 127.0.0.1:<paramref name="port"/> one after another, each served by <paramref name="serve"/>.</summary>
    public static void ServeTcp(int port, Action<NetworkStream> serve, CancellationToken cancel, Action? listening = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listening?.Invoke();
        using var registration = cancel.Register(listener.Stop);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var client = listener.AcceptTcpClient();
                client.NoDelay = true;
                using var stream = client.GetStream();
                serve(stream);
            }
        }
        catch (SocketException) when (cancel.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancel.IsCancellationRequested)
        {
        }
    }

    private void Write(byte[] bytes)
    {
        lock (_writeGate)
        {
            if (_stopped) return;
            try
            {
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                Failure ??= e;
            }
        }
    }

    private void Pump()
    {
        var buffer = new byte[1024];
        try
        {
            while (!_stopped)
            {
                var n = _stream.Read(buffer, 0, buffer.Length);
                if (n <= 0) break;
                Emulator.Receive(buffer.AsSpan(0, n));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            if (!_stopped) Failure = e;
        }
    }

    /// <summary>Stops the pump and closes the stream.</summary>
    public void Dispose()
    {
        _stopped = true;
        _stream.Dispose();
        _reader.Join(TimeSpan.FromSeconds(2));
    }
}
