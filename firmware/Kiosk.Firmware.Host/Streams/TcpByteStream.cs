using System.Net.Sockets;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Host.Streams;

/// <summary>A PN532 host link carried over TCP (an emulator, or a serial-to-network bridge such as ser2net).</summary>
public sealed class TcpByteStream : IByteStream, IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _scratch = new byte[512];

    private TcpByteStream(Socket socket) => _socket = socket;

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> within <paramref name="timeoutMs"/>; throws IOException with a one-line reason.</summary>
    public static TcpByteStream Connect(string host, int port, int timeoutMs = 3000)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(timeoutMs);
            socket.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
            return new TcpByteStream(socket);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + (e is OperationCanceledException ? "timed out" : e.Message), e);
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        try
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(Math.Max(0, timeoutMs)), SelectMode.SelectRead))
            {
                return 0;
            }

            int n = _socket.Receive(buffer, offset, count, SocketFlags.None);
            if (n == 0)
            {
                // Peer closed: look like a silent line for the rest of the wait so callers time out cleanly.
                Thread.Sleep(Math.Max(0, Math.Min(timeoutMs, 50)));
            }

            return n;
        }
        catch (SocketException)
        {
            return 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>Why the last write failed, or null; a failed write shows up to the driver as a PN532 that never answers.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            LastError = "PN532 link lost: " + e.Message;
        }
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        try
        {
            while (_socket.Available > 0)
            {
                _socket.Receive(_scratch, 0, Math.Min(_scratch.Length, _socket.Available), SocketFlags.None);
            }
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _socket.Dispose();
}
