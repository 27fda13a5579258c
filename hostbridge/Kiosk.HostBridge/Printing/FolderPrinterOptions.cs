namespace Kiosk.HostBridge.Printing;

/// <summary>Where the folder printer writes and how long a simulated job takes.</summary>
public sealed class FolderPrinterOptions
{
    /// <summary>Output folder; each job becomes &lt;orderId&gt;.pdf and &lt;orderId&gt;.json.</summary>
    public string Folder { get; set; } = Path.Combine(Path.GetTempPath(), "kiosk-printer");

    /// <summary>Simulated time from submission to completion while the printer is ready.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.Zero;
}
