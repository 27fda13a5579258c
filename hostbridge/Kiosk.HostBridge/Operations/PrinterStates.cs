using Kiosk.HostBridge.Printing;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Operations;

/// <summary>Each printer's state for /readyz, asked of the printers at most once per <c>Timing:PrinterStateMaxAge</c>: probes come
/// every few seconds from every load balancer and orchestrator, and a bridge may front hundreds of store printers.</summary>
public sealed class PrinterStates(PrintGates printers, IOptions<Configuration.BridgeOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _asking = new(1, 1);
    private IReadOnlyList<PrinterState>? _last;
    private DateTimeOffset _askedAt;

    /// <summary>The states, asked again when the last answer is older than the maximum age (one asking at a time).</summary>
    public async Task<IReadOnlyList<PrinterState>> GetAsync(CancellationToken ct)
    {
        var maxAge = options.Value.Timing.PrinterStateMaxAge;
        if (_last is { } fresh && clock.GetUtcNow() - _askedAt < maxAge) return fresh;
        await _asking.WaitAsync(ct);
        try
        {
            if (_last is { } meanwhile && clock.GetUtcNow() - _askedAt < maxAge) return meanwhile;
            var askedAt = clock.GetUtcNow();
            _last = await Task.WhenAll(printers.All.Select(p => AskAsync(p, askedAt, ct)));
            _askedAt = askedAt;
            return _last;
        }
        finally
        {
            _asking.Release();
        }
    }

    private static async Task<PrinterState> AskAsync(StorePrinter p, DateTimeOffset askedAt, CancellationToken ct)
    {
        string state;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var status = await p.Printer.GetStatusAsync(budget.Token);
            state = status.Ready ? "ok" : string.Join(",", status.Reasons);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            state = "unreachable";
        }
        return new PrinterState(p.Id, p.Stores.Count == 0 ? ["*"] : p.Stores, state, askedAt, p.Gate);
    }
}

/// <summary>One printer's answer and when it was given; held jobs are read live from its gate.</summary>
public sealed record PrinterState(string Id, IReadOnlyList<string> Stores, string State, DateTimeOffset CheckedAt, PrintGate Gate)
{
    /// <summary>The JSON shape /readyz reports.</summary>
    public object ToJson() => new { id = Id, stores = Stores, state = State, checkedAt = CheckedAt.ToString("O"), heldJobs = Gate.HeldJobCount };
}
