using System.Net;
using System.Net.Sockets;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Kioskctl.Tests.Card;

/// <summary>
/// The PN532 emulator served on a free loopback TCP port (one client at a time), with a chosen card in its field.
/// The card is placed before the first byte is read, so a fast client can never poll an empty field.
/// </summary>
internal sealed class TcpPn532 : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _server;
    private volatile bool _stopped;

    public TcpPn532(string? profileId)
    {
        Card = profileId is null ? null : VirtualMyNumberCard.ForProfile(profileId);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _server = new Thread(Serve) { IsBackground = true, Name = "tcp-pn532" };
        _server.Start();
    }

    public List<string> Log { get; } = new();

    public int Port { get; }

    public string Address => "tcp:127.0.0.1:" + Port;

    public VirtualMyNumberCard? Card { get; }

    private void Serve()
    {
        try
        {
            while (!_stopped)
            {
                using TcpClient client = _listener.AcceptTcpClient();
                client.NoDelay = true;
                using NetworkStream stream = client.GetStream();
                var emulator = new Pn532Emulator(bytes => Send(stream, bytes)) { Log = line => { lock (Log) { Log.Add(line); } } };
                if (Card is not null)
                {
                    emulator.PlaceCard(Card);
                }

                byte[] buffer = new byte[1024];
                int n;
                while ((n = Read(stream, buffer)) > 0)
                {
                    emulator.Receive(buffer.AsSpan(0, n));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static int Read(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return stream.Read(buffer, 0, buffer.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void Send(NetworkStream stream, byte[] bytes)
    {
        try
        {
            stream.Write(bytes, 0, bytes.Length);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
        _server.Join(2000);
    }
}
