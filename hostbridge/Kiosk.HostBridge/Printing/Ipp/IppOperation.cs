namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>The IPP operations this client sends (RFC 8011 §5.2.1).</summary>
public enum IppOperation : short
{
    PrintJob = 0x0002,
    CancelJob = 0x0008,
    GetJobAttributes = 0x0009,
    GetJobs = 0x000A,
    GetPrinterAttributes = 0x000B,
}

/// <summary>IPP status codes the client reacts to (RFC 8011 §B); anything from 0x0400 up is an error.</summary>
public static class IppStatus
{
    /// <summary>successful-ok.</summary>
    public const int Ok = 0x0000;
    /// <summary>client-error-not-found (unknown job).</summary>
    public const int NotFound = 0x0406;
    /// <summary>client-error-not-possible (for example cancelling a job that already ended).</summary>
    public const int NotPossible = 0x0404;
    /// <summary>server-error-not-accepting-jobs.</summary>
    public const int NotAcceptingJobs = 0x0506;
    /// <summary>server-error-busy.</summary>
    public const int Busy = 0x0507;

    /// <summary>True for the successful-* range (0x0000–0x00FF).</summary>
    public static bool IsSuccess(int status) => status >= 0 && status < 0x0100;
}

/// <summary>IPP job-state values (RFC 8011 §5.3.7).</summary>
public enum IppJobState
{
    Pending = 3,
    PendingHeld = 4,
    Processing = 5,
    ProcessingStopped = 6,
    Canceled = 7,
    Aborted = 8,
    Completed = 9,
}

/// <summary>IPP printer-state values (RFC 8011 §5.4.11).</summary>
public enum IppPrinterState
{
    Idle = 3,
    Processing = 4,
    Stopped = 5,
}
