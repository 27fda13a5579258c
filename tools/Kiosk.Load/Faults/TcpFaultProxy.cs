using System.Net;
using System.Net.Sockets;

namespace Kiosk.Load.Faults;

/// <summary>A small TCP proxy between the terminals and the bridge's kiosk port: passes bytes both ways untouched (TLS is end to
/// end), and when faults are on delays some new connections and cuts others part-way, as a flaky store network would.</summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly FaultDice? _dice;
    private readonly FaultRates _rates;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _connections, _delayed, _dropped;

    /// <summary>Starts listening on a free loopback port in front of <paramref name="target"/>; null dice = no faults.</summary>
    public TcpFaultProxy(IPEndPoint target, FaultDice? dice, FaultRates rates)
    {
        _target = target;
        _dice = dice;
        _rates = rates;
        _listener.Start(1024);
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port terminals connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted, delayed, and cut.</summary>
    public (long Connections, long Delayed, long Dropped) Counts => (Interlocked.Read(ref _connections), Interlocked.Read(ref _delayed), Interlocked.Read(ref _dropped));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            if (_dice != null && _dice.Chance(_rates.NetworkSlow))
            {
                Interlocked.Increment(ref _delayed);
                await Task.Delay(_dice.Between(20, 200), cut.Token);
            }
            await server.ConnectAsync(_target, cut.Token);
            long budget = long.MaxValue;
            if (_dice != null)
            {
                // Terminals keep one connection for hours, so with faults on every connection is cut sooner or later: some
                // mid-handshake, the rest after a random stretch of requests.
                Interlocked.Increment(ref _dropped);
                budget = _dice.Chance(_rates.NetworkDrop) ? _dice.Between(50, 6000) : _dice.Between(20_000, 400_000);
            }
            var counter = new Budget(budget);
            var up = PumpAsync(client, server, counter, cut);
            var down = PumpAsync(server, client, counter, cut);
            await Task.WhenAny(up, down);
            cut.Cancel();
            await Task.WhenAll(up, down);
        }
        catch (Exception)
        {
            // A cut connection is the point; the terminal sees a reset and recovers.
        }
        finally
        {
            client.Dispose();
        }
    }

    private sealed class Budget(long bytes)
    {
        private long _left = bytes;

        public bool Spend(int n) => Interlocked.Add(ref _left, -n) > 0;
    }

    private static async Task PumpAsync(Socket from, Socket to, Budget budget, CancellationTokenSource cut)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!cut.IsCancellationRequested)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, cut.Token);
                if (n == 0) break;
                if (!budget.Spend(n))
                {
                    from.Close(0); // reset both sides
                    to.Close(0);
                    break;
                }
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, cut.Token);
            }
            try { to.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
        }
        catch (Exception)
        {
        }
    }

    /// <summary>Stops accepting and closes the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }
}
