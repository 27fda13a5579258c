namespace Kiosk.HostBridge.Printing;

/// <summary>One entry of <c>Printing:Printers</c>: a store printer and the stores it serves.</summary>
public sealed class PrinterConfig
{
    /// <summary>Printer id, unique in the directory (shown in audit, /readyz and metrics); "default" is reserved.</summary>
    public string? Id { get; set; }

    /// <summary>Store ids (as enrolled in the device registry) whose orders print here; a store may appear under one printer only.</summary>
    public List<string> Stores { get; set; } = [];

    /// <summary><c>ipp</c> (a real printer) or <c>folder</c> (simulator, load rig).</summary>
    public string? Kind { get; set; }

    /// <summary>IPP printer URI (ipp://, ipps://, http://, https://); required for kind ipp.</summary>
    public Uri? Uri { get; set; }

    /// <summary>requesting-user-name for kind ipp; never a resident's name.</summary>
    public string RequestingUserName { get; set; } = "kiosk-bridge";

    /// <summary>Upper bound of one IPP round trip for kind ipp.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Output folder for kind folder; required for that kind.</summary>
    public string? Folder { get; set; }

    /// <summary>Simulated job time for kind folder.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.Zero;
}

/// <summary>What an order from a store missing from <c>Printing:Printers</c> gets (<c>Printing:UnlistedStores</c>).</summary>
public enum UnlistedStores
{
    /// <summary>The single printer of Printing:Mode/Ipp/Folder serves it (the only choice when no directory is configured).</summary>
    Default,

    /// <summary>The order is refused before any money is taken (the default once Printing:Printers lists any printer).</summary>
    Refuse,
}
