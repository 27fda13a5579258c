using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>A test order: its ids, its document, and the document's digest kept before the gate wipes the bytes.</summary>
internal sealed record TestOrder(string OrderId, string SessionId, string SerialHash, string DocumentId, byte[] Pdf, string Sha256)
{
    public static TestOrder New(BindingTable? binding = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var pdf = TestPdfs.For(id);
        var order = new TestOrder(id, "s" + Guid.NewGuid().ToString("N")[..8], "h" + Guid.NewGuid().ToString("N")[..16], "d" + id[..6], pdf, TestPdfs.Sha256(pdf));
        binding?.Bind(order.OrderId, order.SessionId, order.SerialHash);
        return order;
    }

    public PrintRequest Request() => new(OrderId, SessionId, SerialHash, DocumentId, Pdf);
}
