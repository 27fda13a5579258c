namespace Kiosk.HostBridge.Printing;

/// <summary>Reads and validates <c>Printing:Printers</c> and <c>Printing:UnlistedStores</c> at start: every mistake is
/// reported at once, with the entry it is in, before the bridge takes a single order.</summary>
public sealed class PrinterDirectoryConfig
{
    private PrinterDirectoryConfig(IReadOnlyList<PrinterConfig> printers, UnlistedStores unlisted)
    {
        Printers = printers;
        Unlisted = unlisted;
    }

    /// <summary>The validated printer entries, in configuration order (empty: one printer for every store, as before).</summary>
    public IReadOnlyList<PrinterConfig> Printers { get; }

    /// <summary>What an order from a store no entry lists gets.</summary>
    public UnlistedStores Unlisted { get; }

    /// <summary>Reads the <c>Printing</c> section; throws <see cref="InvalidOperationException"/> naming every problem found.</summary>
    public static PrinterDirectoryConfig Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Printing");
        var printers = new List<PrinterConfig>();
        foreach (var child in section.GetSection("Printers").GetChildren())
        {
            var entry = new PrinterConfig();
            child.Bind(entry);
            printers.Add(entry);
        }
        return Validate(printers, section["UnlistedStores"]);
    }

    /// <summary>Validates entries given in code (tests, the load rig) the same way as configured ones.</summary>
    public static PrinterDirectoryConfig Validate(IReadOnlyList<PrinterConfig> printers, string? unlistedStores)
    {
        var problems = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var storeOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < printers.Count; i++)
        {
            var p = printers[i];
            var where = "Printing:Printers:" + i + (string.IsNullOrWhiteSpace(p.Id) ? "" : " (" + p.Id + ")");
            if (string.IsNullOrWhiteSpace(p.Id)) problems.Add(where + ": Id is missing.");
            else if (string.Equals(p.Id, PrinterDirectory.DefaultId, StringComparison.OrdinalIgnoreCase))
                problems.Add(where + ": Id '" + PrinterDirectory.DefaultId + "' is reserved for the single printer of Printing:Mode.");
            else if (!ids.TryAdd(p.Id, i)) problems.Add(where + ": Id is also used by Printing:Printers:" + ids[p.Id] + ".");

            switch (p.Kind?.Trim().ToLowerInvariant())
            {
                case "ipp":
                    if (p.Uri is null) problems.Add(where + ": Kind ipp needs Uri (e.g. ipp://192.168.1.20:631/ipp/print).");
                    else if (!p.Uri.IsAbsoluteUri || p.Uri.Scheme is not ("ipp" or "ipps" or "http" or "https"))
                        problems.Add(where + ": Uri '" + p.Uri + "' is not an ipp://, ipps://, http:// or https:// address.");
                    if (p.RequestTimeout <= TimeSpan.Zero) problems.Add(where + ": RequestTimeout must be positive.");
                    break;
                case "folder":
                    if (string.IsNullOrWhiteSpace(p.Folder)) problems.Add(where + ": Kind folder needs Folder.");
                    if (p.ProcessingTime < TimeSpan.Zero) problems.Add(where + ": ProcessingTime must not be negative.");
                    break;
                case null or "":
                    problems.Add(where + ": Kind is missing (ipp or folder).");
                    break;
                default:
                    problems.Add(where + ": unknown Kind '" + p.Kind + "' (ipp or folder).");
                    break;
            }

            if (p.Stores.Count == 0) problems.Add(where + ": Stores is empty; list the store ids this printer serves.");
            foreach (var store in p.Stores)
            {
                if (string.IsNullOrWhiteSpace(store))
                {
                    problems.Add(where + ": an empty store id in Stores.");
                }
                else if (!storeOwner.TryAdd(store, where))
                {
                    problems.Add(where + ": store '" + store + "' is already served by " + storeOwner[store]
                        + "; a store has exactly one printer.");
                }
            }
        }

        var unlisted = printers.Count == 0 ? UnlistedStores.Default : UnlistedStores.Refuse;
        if (!string.IsNullOrWhiteSpace(unlistedStores))
        {
            if (Enum.TryParse<UnlistedStores>(unlistedStores.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) unlisted = parsed;
            else problems.Add("Printing:UnlistedStores: '" + unlistedStores + "' is neither default nor refuse.");
        }
        if (printers.Count == 0 && unlisted == UnlistedStores.Refuse)
            problems.Add("Printing:UnlistedStores is refuse but Printing:Printers is empty: no store could print.");

        if (problems.Count > 0)
            throw new InvalidOperationException("Printer configuration is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        return new PrinterDirectoryConfig(printers, unlisted);
    }
}
