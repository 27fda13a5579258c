namespace Kiosk.HostBridge.Printing;

/// <summary>Which printer serves which store: the entries of <c>Printing:Printers</c>, plus the single printer of
/// <c>Printing:Mode</c> (id <see cref="DefaultId"/>) for every store no entry lists, unless unlisted stores are refused.</summary>
public sealed class PrinterDirectory
{
    /// <summary>Id of the single printer configured the old way (Printing:Mode, Printing:Ipp, Printing:Folder, or the host's own).</summary>
    public const string DefaultId = "default";

    private readonly Dictionary<string, DirectoryPrinter> byStore = new(StringComparer.Ordinal);
    private readonly DirectoryPrinter? fallback;

    /// <summary>Builds the directory; <paramref name="defaultPrinter"/> is asked for only when unlisted stores use it.</summary>
    public PrinterDirectory(PrinterDirectoryConfig config, Func<IPrinter> defaultPrinter, Func<PrinterConfig, IPrinter> create)
    {
        var printers = new List<DirectoryPrinter>();
        foreach (var entry in config.Printers)
        {
            var printer = new DirectoryPrinter(entry.Id!, entry.Stores.ToArray(), create(entry));
            printers.Add(printer);
            foreach (var store in entry.Stores) byStore[store] = printer;
        }
        if (config.Unlisted == UnlistedStores.Default)
        {
            fallback = new DirectoryPrinter(DefaultId, [], defaultPrinter());
            printers.Add(fallback);
        }
        Printers = printers;
    }

    /// <summary>Every printer, the default one (serving all unlisted stores, <see cref="DirectoryPrinter.Stores"/> empty) last.</summary>
    public IReadOnlyList<DirectoryPrinter> Printers { get; }

    /// <summary>The printer serving <paramref name="storeId"/>, or null when the store has none.</summary>
    public DirectoryPrinter? ForStore(string storeId) => byStore.TryGetValue(storeId, out var p) ? p : fallback;

    /// <summary>The printer a configuration entry describes: an <see cref="IppPrinter"/> or a <see cref="FolderPrinter"/>.</summary>
    public static IPrinter Create(PrinterConfig entry, TimeProvider time) => entry.Kind!.Trim().ToLowerInvariant() switch
    {
        // The gate and the per-request timeout bound every call; HttpClient's own 100 s default must not cut in first.
        "ipp" => new IppPrinter(new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            new IppPrinterOptions { PrinterUri = entry.Uri!, RequestingUserName = entry.RequestingUserName, RequestTimeout = entry.RequestTimeout }),
        "folder" => new FolderPrinter(new FolderPrinterOptions { Folder = entry.Folder!, ProcessingTime = entry.ProcessingTime }, time),
        _ => throw new InvalidOperationException("Unknown printer kind '" + entry.Kind + "'."),
    };
}

/// <summary>One printer of the directory and the stores it serves (empty for the default printer: every unlisted store).</summary>
public sealed record DirectoryPrinter(string Id, IReadOnlyList<string> Stores, IPrinter Printer);
