using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Kiosk.Firmware.Core.Bridge;
using CoreJson = Kiosk.Firmware.Core.Bridge.Json.Json;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Load.Terminals;

namespace Kiosk.Benchmarks.Floor;

/// <summary>One driver of the bridge-alone layer: on its own thread ("bridge-driver"), whole issuances in a loop with the core's
/// bridge client over real mutual TLS, as a terminal makes them — open a session, authenticate with the resident's certificate
/// and a signature of the challenge by the card's auth key (platform RSA, key made up front), products, order, the register's
/// payment lookup and confirmation, long polls until printed, end — with no core, PN532 or card emulator in the way.</summary>
internal sealed class BridgeDriver
{
    /// <summary>Thread name of the drivers.</summary>
    public const string Threads = "bridge-driver";

    private readonly BridgeClient _client;
    private readonly ResidentCredentials _resident;
    private readonly RSA _authKey;
    private readonly HttpClient _register;
    private readonly Thread _thread;
    private readonly Action _printed;
    private volatile bool _stop;

    /// <summary>A driver for one enrolled device; <paramref name="register"/> reaches the bridge's store endpoint with the store's key.</summary>
    public BridgeDriver(MutualTlsStreams streams, ResidentCredentials resident, HttpClient register, Action printed)
    {
        _client = new BridgeClient(new BridgeLink(streams, new StopwatchClock(), "localhost"));
        _resident = resident;
        _authKey = RSA.Create(resident.AuthKey);
        _register = register;
        _printed = printed;
        _thread = new Thread(Loop) { IsBackground = true, Name = Threads };
    }

    /// <summary>Why the loop stopped, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Starts the loop.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops after the current issuance and waits.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Loop()
    {
        try
        {
            while (!_stop)
                if (Issue()) _printed();
        }
        catch (Exception e)
        {
            Failure = e.GetType().Name + ": " + e.Message;
        }
    }

    private bool Issue()
    {
        var open = Ok(_client.OpenSession(), "open");
        string session = CoreJson.Str(open.Body, "sessionId")!;
        var challenge = Convert.FromBase64String(CoreJson.Str(open.Body, "challenge")!);
        try
        {
            Ok(_client.Authenticate(session, _resident.AuthCertificateDer, _authKey.SignData(challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), "authenticate");
            Ok(_client.GetProducts(session), "products");
            var order = Ok(_client.CreateOrder(session, Guid.NewGuid().ToString(), "juminhyo", [], 0, [], 0, 0, 1), "order");
            string orderId = CoreJson.Str(order.Body, "orderId")!;
            Pay(CoreJson.Str(order.Body, "paymentCode")!);
            string state = CoreJson.Str(order.Body, "state") ?? "awaiting-payment";
            while (state is not ("printed" or "failed" or "cancelled" or "refunded") && !_stop)
                state = CoreJson.Str(Ok(_client.WaitOrder(orderId, state, 1000), "order status").Body, "state") ?? state;
            return state == "printed";
        }
        finally
        {
            _client.EndSession(session);
        }
    }

    // The store's register: look the code up, confirm the amount it shows (as StoreClerk does, but on this thread so its CPU stays
    // with the driver's).
    private void Pay(string paymentCode)
    {
        string code = paymentCode.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        using var look = _register.Send(new HttpRequestMessage(HttpMethod.Get, "/v1/store/payments/" + code));
        look.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(look.Content.ReadAsStream());
        int amount = doc.RootElement.GetProperty("amountYen").GetInt32();
        using var confirm = _register.Send(new HttpRequestMessage(HttpMethod.Post, "/v1/store/payments/" + code + "/confirm")
        {
            Content = JsonContent.Create(new { amountYen = amount }),
        });
        confirm.EnsureSuccessStatusCode();
    }

    private static BridgeReply Ok(BridgeReply reply, string what)
        => reply.IsOk ? reply : throw new InvalidOperationException(what + ": " + reply.Outcome + " " + reply.Status + " " + reply.ProblemCode);
}
