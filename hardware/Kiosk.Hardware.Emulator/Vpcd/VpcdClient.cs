using System.Net.Sockets;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Hardware.Emulator.Vpcd;

/// <summary>
/// Plugs an <see cref="ISmartCard"/> into pcscd through the vsmartcard vpcd reader driver: a TCP client to vpcd
/// speaking its framing (2-byte big-endian length + payload; a 1-byte payload is a control: 00 power off, 01 power on,
/// 02 reset, 04 get ATR). While connected the reader shows the card inserted; closing the connection removes it.
/// </summary>
public sealed class VpcdClient : IDisposable
{
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;
    private readonly ISmartCard _card;
    private readonly Action<string>? _log;
    private Socket? _socket;

    /// <summary>Creates a client for <paramref name="card"/>; <paramref name="log"/> gets one line per control and APDU (PINs masked).</summary>
    public VpcdClient(ISmartCard card, Action<string>? log = null)
    {
        _card = card;
        _log = log;
    }

    /// <summary>Number of APDUs answered.</summary>
    public int ApdusAnswered { get; private set; }

    /// <summary>Connects to vpcd, retrying until <paramref name="connectTimeout"/> passes (pcscd may still be starting).</summary>
    public void Connect(string host, int port, TimeSpan connectTimeout)
    {
        var deadline = DateTime.UtcNow + connectTimeout;
        while (true)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(host, port);
                _socket = socket;
                _log?.Invoke("vpcd: connected to " + host + ":" + port);
                return;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                if (DateTime.UtcNow > deadline)
                    throw new IOException("cannot reach vpcd at " + host + ":" + port + " (" + e.SocketErrorCode + "); is pcscd running with the vpcd reader?", e);
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Serves vpcd until it closes the connection, <see cref="Dispose"/> is called, or <paramref name="cancel"/> fires.</summary>
    public void Run(CancellationToken cancel = default)
    {
        var socket = _socket ?? throw new InvalidOperationException("Connect first");
        using var registration = cancel.Register(() => socket.Dispose());
        var header = new byte[2];
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (!ReceiveExactly(socket, header)) return;
                var length = header[0] << 8 | header[1];
                var payload = new byte[length];
                if (length > 0 && !ReceiveExactly(socket, payload)) return;
                if (length == 1) HandleControl(socket, payload[0]);
                else HandleApdu(socket, payload);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (!cancel.IsCancellationRequested) _log?.Invoke("vpcd: connection ended (" + e.Message + ")");
        }
    }

    private void HandleControl(Socket socket, byte control)
    {
        switch (control)
        {
            case 0x00:
                _log?.Invoke("vpcd: power off");
                _card.Reset();
                break;
            case 0x01:
                _log?.Invoke("vpcd: power on");
                _card.Reset();
                break;
            case 0x02:
                _log?.Invoke("vpcd: reset");
                _card.Reset();
                break;
            case 0x04:
                Send(socket, _card.Atr);
                break;
            default:
                _log?.Invoke("vpcd: unknown control " + control.ToString("X2") + " ignored");
                break;
        }
    }

    private void HandleApdu(Socket socket, byte[] apdu)
    {
        var response = _card.Process(apdu);
        _log?.Invoke("apdu > " + Pn532Emulator.DescribeApdu(apdu));
        _log?.Invoke("apdu < " + Convert.ToHexString(response));
        ApdusAnswered++;
        Send(socket, response);
    }

    private static void Send(Socket socket, byte[] payload)
    {
        var message = new byte[payload.Length + 2];
        message[0] = (byte)(payload.Length >> 8);
        message[1] = (byte)payload.Length;
        payload.CopyTo(message, 2);
        socket.Send(message);
    }

    private static bool ReceiveExactly(Socket socket, byte[] buffer)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            // vpcd sends length and body in two writes; without quick ACK, Nagle on its side and delayed ACK here
            // cost ~40 ms per APDU. Linux clears quick-ack mode by itself, so it is set again before every receive.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, BitConverter.GetBytes(1));
            var n = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (n == 0) return false;
            got += n;
        }
        return true;
    }

    /// <summary>Closes the connection: the reader then shows no card.</summary>
    public void Dispose() => _socket?.Dispose();
}
