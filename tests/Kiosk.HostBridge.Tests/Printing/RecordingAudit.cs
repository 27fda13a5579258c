using System.Collections.Concurrent;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Collects audit events so tests can check every step was recorded, in order.</summary>
internal sealed class RecordingAudit : IPrintAudit, IPaymentAudit
{
    public ConcurrentQueue<PrintAuditEvent> Print { get; } = new();
    public ConcurrentQueue<PaymentAuditEvent> Payment { get; } = new();

    public Task RecordAsync(PrintAuditEvent e, CancellationToken ct)
    {
        Print.Enqueue(e);
        return Task.CompletedTask;
    }

    public Task RecordAsync(PaymentAuditEvent e, CancellationToken ct)
    {
        Payment.Enqueue(e);
        return Task.CompletedTask;
    }

    public string[] PrintSteps(string orderId) => Print.Where(e => e.OrderId == orderId).Select(e => e.Step).ToArray();

    public string[] PaymentSteps(string orderId) => Payment.Where(e => e.OrderId == orderId).Select(e => e.Step).ToArray();
}
