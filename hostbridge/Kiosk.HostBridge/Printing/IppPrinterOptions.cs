namespace Kiosk.HostBridge.Printing;

/// <summary>Where the store's IPP printer is and how long one IPP request may take.</summary>
public sealed class IppPrinterOptions
{
    /// <summary>The printer URI, e.g. ipp://192.168.1.20:631/ipp/print.</summary>
    public Uri PrinterUri { get; set; } = new("ipp://localhost:631/ipp/print");

    /// <summary>requesting-user-name sent with every request; never a resident's name.</summary>
    public string RequestingUserName { get; set; } = "kiosk-bridge";

    /// <summary>Upper bound for a single IPP round trip (the job as a whole has its own deadline in the print gate).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
