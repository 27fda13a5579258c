namespace Kiosk.HostBridge.Printing;

/// <summary>One <see cref="PrintGate"/> per printer of the <see cref="PrinterDirectory"/>, found by the order's store: each
/// printer holds one job at a time (B7), and a printer out of paper in one store never makes another store wait.</summary>
public sealed class PrintGates
{
    private readonly PrinterDirectory directory;
    private readonly Dictionary<string, StorePrinter> byId = new(StringComparer.Ordinal);

    /// <summary>Builds a gate for every printer with <paramref name="gateFor"/>.</summary>
    public PrintGates(PrinterDirectory directory, Func<DirectoryPrinter, PrintGate> gateFor)
    {
        this.directory = directory;
        var all = new List<StorePrinter>();
        foreach (var p in directory.Printers)
        {
            var sp = new StorePrinter(p.Id, p.Stores, p.Printer, gateFor(p));
            all.Add(sp);
            byId[p.Id] = sp;
        }
        All = all;
    }

    /// <summary>Every printer with its gate.</summary>
    public IReadOnlyList<StorePrinter> All { get; }

    /// <summary>The printer and gate with this id, or null when the directory no longer has it.</summary>
    public StorePrinter? ById(string printerId) => byId.TryGetValue(printerId, out var p) ? p : null;

    /// <summary>The printer and gate serving <paramref name="storeId"/>, or null when the store has no printer.</summary>
    public StorePrinter? ForStore(string storeId) => directory.ForStore(storeId) is { } p ? byId[p.Id] : null;
}

/// <summary>A printer, the stores it serves (empty: every store no other printer lists) and the gate in front of it.</summary>
public sealed record StorePrinter(string Id, IReadOnlyList<string> Stores, IPrinter Printer, PrintGate Gate);
