namespace Kiosk.HostBridge.Printing;

/// <summary>Deadlines of the print gate.</summary>
public sealed class PrintGateOptions
{
    /// <summary>Whole-job deadline, from waiting for the printer to the job's end; past it the job and the order are cancelled.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the job state is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time allowed for the cancel after a timeout (a fresh budget, as the job's own has run out).</summary>
    public TimeSpan CancelTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
