using System.Collections.Concurrent;
using Kiosk.HostBridge.Payments;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>In-memory pay-at-register: a code per order, authorised when the test says the POS confirmed it.</summary>
public sealed class FakePayments : IPaymentProvider
{
    public ConcurrentDictionary<string, string> Created { get; } = new(); // paymentId -> orderId
    public ConcurrentDictionary<string, byte> Authorised { get; } = new();
    public ConcurrentQueue<string> Captured { get; } = new();
    public ConcurrentQueue<string> Voided { get; } = new();
    public ConcurrentDictionary<string, string> VoidReasons { get; } = new(); // paymentId -> reason of the (last) void/refund
    public bool AutoAuthorise { get; set; } = true;

    public Task<PaymentIntent> CreateAsync(string orderId, int amountYen, CancellationToken ct)
    {
        var id = "pay-" + orderId;
        Created[id] = orderId;
        if (AutoAuthorise) Authorised[id] = 0;
        return Task.FromResult(new PaymentIntent(id, "P" + orderId[..7].ToUpperInvariant(), amountYen));
    }

    public Task<bool> IsAuthorisedAsync(string paymentId, CancellationToken ct) => Task.FromResult(Authorised.ContainsKey(paymentId));

    public Task CaptureAsync(string paymentId, CancellationToken ct)
    {
        Captured.Enqueue(paymentId);
        return Task.CompletedTask;
    }

    public Task VoidOrRefundAsync(string paymentId, string reason, CancellationToken ct)
    {
        Voided.Enqueue(paymentId);
        VoidReasons[paymentId] = reason;
        return Task.CompletedTask;
    }
}
