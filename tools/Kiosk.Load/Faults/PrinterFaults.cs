using Kiosk.HostBridge.Printing;

namespace Kiosk.Load.Faults;

/// <summary>Flips the folder printer's condition as a store printer misbehaves: out of paper for a moment (new jobs refused),
/// stopped briefly (slow printing), or stopped past the bridge's print timeout (jobs cancelled, payments refunded).</summary>
public sealed class PrinterFaults(FolderPrinter printer, FaultDice dice, FaultRates rates, TimeSpan printTimeout)
{
    private long _outOfPaper, _slow, _timeouts;

    /// <summary>Episodes injected.</summary>
    public (long OutOfPaper, long Slow, long Timeouts) Counts => (Interlocked.Read(ref _outOfPaper), Interlocked.Read(ref _slow), Interlocked.Read(ref _timeouts));

    /// <summary>Runs until cancelled, one decision per second; leaves the printer ready.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000, ct);
                if (dice.Chance(rates.PrinterTimeoutPerSecond))
                {
                    Interlocked.Increment(ref _timeouts);
                    await Episode(FolderPrinterCondition.Stopped, printTimeout + TimeSpan.FromMilliseconds(500), ct);
                }
                else if (dice.Chance(rates.PrinterOutOfPaperPerSecond))
                {
                    Interlocked.Increment(ref _outOfPaper);
                    await Episode(FolderPrinterCondition.OutOfPaper, TimeSpan.FromMilliseconds(dice.Between(100, 600)), ct);
                }
                else if (dice.Chance(rates.PrinterSlowPerSecond))
                {
                    Interlocked.Increment(ref _slow);
                    await Episode(FolderPrinterCondition.Stopped, TimeSpan.FromMilliseconds(dice.Between(100, 500)), ct);
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

    private async Task Episode(FolderPrinterCondition condition, TimeSpan length, CancellationToken ct)
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
