namespace Kiosk.HostBridge.Printing;

/// <summary>Conditions the simulator can inject into the folder printer.</summary>
public enum FolderPrinterCondition
{
    /// <summary>Prints.</summary>
    Ready,
    /// <summary>media-empty: new jobs are refused, running jobs stall.</summary>
    OutOfPaper,
    /// <summary>offline: unreachable; new jobs are refused, running jobs stall.</summary>
    Offline,
    /// <summary>stopped: new jobs are refused, running jobs stall.</summary>
    Stopped,
}
