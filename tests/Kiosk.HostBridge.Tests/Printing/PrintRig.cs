using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Tests.PaymentsTests;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>One bridge's printing side wired for a test: printer, binding table, audit, gate, register payments, paid print.</summary>
internal sealed class PrintRig : IDisposable
{
    private readonly HttpClient? http;

    public PrintRig(IPrinter printer, PrintGateOptions? options = null, BindingTable? binding = null, RecordingAudit? audit = null)
    {
        Printer = printer;
        Binding = binding ?? new BindingTable();
        Audit = audit ?? new RecordingAudit();
        Options = options ?? new PrintGateOptions { JobTimeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(50), CancelTimeout = TimeSpan.FromSeconds(2) };
        Gate = new PrintGate(Printer, Binding, Audit, Options);
        Payments = new SqlitePayments(Audit);
        Paid = new PaidPrintService(Gate, Payments.Provider, Audit);
    }

    private PrintRig(HttpClient http, Uri uri, PrintGateOptions? options, BindingTable? binding, RecordingAudit? audit)
        : this(new IppPrinter(http, new IppPrinterOptions { PrinterUri = uri, RequestTimeout = TimeSpan.FromSeconds(3) }), options, binding, audit) =>
        this.http = http;

    public static PrintRig ForIpp(Uri uri, PrintGateOptions? options = null, BindingTable? binding = null, RecordingAudit? audit = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, uri, options, binding, audit);

    public IPrinter Printer { get; }
    public BindingTable Binding { get; }
    public RecordingAudit Audit { get; }
    public PrintGateOptions Options { get; }
    public PrintGate Gate { get; }
    public SqlitePayments Payments { get; }
    public PaidPrintService Paid { get; }

    /// <summary>A new bound order with an authorised payment.</summary>
    public async Task<(TestOrder Order, string PaymentId)> PaidOrderAsync()
    {
        var order = TestOrder.New(Binding);
        return (order, await Payments.PaidAsync(order.OrderId));
    }

    public void Dispose()
    {
        http?.Dispose();
        Payments.Dispose();
    }
}
