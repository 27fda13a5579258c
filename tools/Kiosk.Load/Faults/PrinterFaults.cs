using Kiosk.HostBridge.Printing;

namespace Kiosk.Load.Faults;

/// <summary>Flips each store's folder printer's condition as a store printer misbehaves, every printer on its own: out of paper
/// for a moment (new jobs refused), stopped briefly (slow printing), or stopped past the bridge's print timeout (jobs
/// cancelled, payments refunded). The rates are per printer per second.</summary>
public sealed class PrinterFaults(IReadOnlyList<FolderPrinter> printers, FaultDice dice, FaultRates rates, TimeSpan printTimeout)
{
    private long _outOfPaper, _slow, _timeouts;

    /// <summary>Episodes injected.</summary>
    public (long OutOfPaper, long Slow, long Timeouts) Counts => (Interlocked.Read(ref _outOfPaper), Interlocked.Read(ref _slow), Interlocked.Read(ref _timeouts));

    /// <summary>Runs until cancelled, one decision per printer per second; leaves every printer ready.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(printers.Select(p => RunAsync(p, ct)));

    private async Task RunAsync(FolderPrinter printer, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000, ct);
                if (dice.Chance(rates.PrinterTimeoutPerSecond))
                {
                    Interlocked.Increment(ref _timeouts);
                    await Episode(printer, FolderPrinterCondition.Stopped, printTimeout + TimeSpan.FromMilliseconds(500), ct);
                }
                else if (dice.Chance(rates.PrinterOutOfPaperPerSecond))
                {
                    Interlocked.Increment(ref _outOfPaper);
                    await Episode(printer, FolderPrinterCondition.OutOfPaper, TimeSpan.FromMilliseconds(dice.Between(100, 600)), ct);
                }
                else if (dice.Chance(rates.PrinterSlowPerSecond))
                {
                    Interlocked.Increment(ref _slow);
                    await Episode(printer, FolderPrinterCondition.Stopped, TimeSpan.FromMilliseconds(dice.Between(100, 500)), ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            printer.Condition = FolderPrinterCondition.Ready;
        }
    }

    private static async Task Episode(FolderPrinter printer, FolderPrinterCondition condition, TimeSpan length, CancellationToken ct)
    {
        printer.Condition = condition;
        try
        {
            await Task.Delay(length, ct);
        }
        finally
        {
            printer.Condition = FolderPrinterCondition.Ready;
        }
    }
}
