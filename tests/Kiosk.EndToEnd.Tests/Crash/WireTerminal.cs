using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>What one transaction of a terminal came to.</summary>
public sealed record TerminalOrder(int Terminal, string OrderId, DateTime PlacedAt, string? SeenFinalState, DateTime? SeenAt);

/// <summary>
/// A terminal speaking protocol v1 on the wire (own device certificate, own card, real mutual TLS), scripted like a resident
/// in a loop: open, authenticate, order, pay at the register (the store POS confirms the code), wait for the paper, close.
/// Any bridge error (connection refused or reset, 5xx, timeout) sends it back to idle and it starts a new transaction by
/// itself; while an order is printing it keeps asking for its state across bridge restarts, as the firmware does.
/// </summary>
public sealed class WireTerminal(int index, X509Certificate2 device, TestCard card, CrashRig rig, int seed) : IDisposable
{
    private const string OrderBody = """{"product":"juminhyo","options":[],"members":[],"copies":1,"year":null}""";

    private readonly Random random = new(seed);
    private readonly HttpClient kiosk = KioskClient(rig, device);
    private readonly HttpClient pos = new() { BaseAddress = rig.Bridge.OpsUri, Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Transactions that ended in an error and were started again from idle.</summary>
    public int Recoveries { get; private set; }

    /// <summary>Transactions whose order this terminal saw printed.</summary>
    public int SeenPrinted { get; private set; }

    /// <summary>When this terminal last saw one of its orders printed.</summary>
    public DateTime LastPrintedAt { get; private set; }

    /// <summary>Runs transactions until <paramref name="stop"/> fires, recording every order placed.</summary>
    public async Task RunAsync(ConcurrentBag<TerminalOrder> orders, Func<bool> more, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && more())
        {
            try
            {
                await OneTransactionAsync(orders, stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or BridgeError)
            {
                // Back to idle: the resident takes the card and the screen starts over.
                Recoveries++;
                await Task.Delay(e is BridgeError { TooMany: true } ? 2000 : 100 + random.Next(300), CancellationToken.None);
            }
        }
    }

    private async Task OneTransactionAsync(ConcurrentBag<TerminalOrder> orders, CancellationToken stop)
    {
        var open = await Call(HttpMethod.Post, "/v1/sessions", "{}", null, HttpStatusCode.Created);
        var sid = open.Str("sessionId");
        var challenge = Convert.FromBase64String(open.Str("challenge"));
        await Call(HttpMethod.Post, "/v1/sessions/" + sid + "/authenticate", Wire.AuthBody(card, card.Sign(challenge)), null, HttpStatusCode.OK);
        // Retrying with the same key after a lost answer returns the same order (idempotency), never a second one.
        var key = Guid.NewGuid().ToString("N");
        WireResponse placed;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                placed = await Call(HttpMethod.Post, "/v1/sessions/" + sid + "/orders", OrderBody, key, HttpStatusCode.Created, HttpStatusCode.OK);
                break;
            }
            catch (Exception e) when (attempt < 3 && e is HttpRequestException or TaskCanceledException or IOException)
            {
                await Task.Delay(300, CancellationToken.None);
            }
        }
        var orderId = placed.Str("orderId");
        var placedAt = DateTime.UtcNow;
        var fee = placed.Json.GetProperty("feeYen").GetInt32();
        var code = placed.Json.GetProperty("paymentCode").GetString();
        string? final = null;
        try
        {
            if (code is not null) await PayAtRegisterAsync(code, fee, stop);
            final = await WaitForFinalAsync(orderId, stop);
        }
        finally
        {
            orders.Add(new TerminalOrder(index, orderId, placedAt, final, final is null ? null : DateTime.UtcNow));
        }
        if (final == "printed")
        {
            SeenPrinted++;
            LastPrintedAt = DateTime.UtcNow;
        }
        try
        {
            using var _ = await kiosk.DeleteAsync("/v1/sessions/" + sid, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The session ends by itself at its idle timeout.
        }
    }

    /// <summary>The store clerk scans the code and takes the money; the POS retries while the bridge is down.</summary>
    private async Task PayAtRegisterAsync(string code, int fee, CancellationToken stop)
    {
        await Task.Delay(random.Next(150), CancellationToken.None);
        if (!stop.IsCancellationRequested) await StorePos.ConfirmAsync(pos, code, fee);
    }

    /// <summary>Polls the order to its end, riding out bridge restarts; null if it did not end within a minute.</summary>
    private async Task<string?> WaitForFinalAsync(string orderId, CancellationToken stop)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !stop.IsCancellationRequested)
        {
            try
            {
                var r = await Wire.GetAsync(kiosk, "/v1/orders/" + orderId);
                if (r.Status == HttpStatusCode.OK && r.Str("state") is "printed" or "failed" or "cancelled" or "refunded") return r.Str("state");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // Bridge down: keep showing "printing…" and ask again.
            }
            await Task.Delay(100, CancellationToken.None);
        }
        return null;
    }

    private async Task<WireResponse> Call(HttpMethod method, string path, string body, string? key, params HttpStatusCode[] ok)
    {
        var r = await Wire.SendAsync(kiosk, method, path, body, idempotencyKey: key);
        if (!ok.Contains(r.Status)) throw new BridgeError(method + " " + path + " → " + (int)r.Status + " " + r.Text, r.Status == HttpStatusCode.TooManyRequests);
        return r;
    }

    private static HttpClient KioskClient(CrashRig rig, X509Certificate2 device)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { device },
                LocalCertificateSelectionCallback = (_, _, _, _, _) => device,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => rig.Pki.IsFleetServerCertificate(certificate),
            },
        };
        return new HttpClient(handler) { BaseAddress = rig.Bridge.KioskUri, DefaultRequestVersion = HttpVersion.Version11, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        kiosk.Dispose();
        pos.Dispose();
    }

    /// <summary>The bridge answered a step with something other than success (e.g. 503 while its database restarts).</summary>
    public sealed class BridgeError(string message, bool tooMany) : Exception(message)
    {
        /// <summary>429: the terminal waits before starting again.</summary>
        public bool TooMany { get; } = tooMany;
    }
}
