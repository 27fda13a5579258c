namespace Kiosk.HostBridge.Printing.Ipp;

/// <summary>The printer answered, but not with a usable successful IPP response (HTTP error, wrong type, IPP error status).</summary>
public sealed class IppException : Exception
{
    /// <summary>An IPP-level failure; <paramref name="status"/> is the IPP status code, or -1 when the HTTP layer failed.</summary>
    public IppException(string message, int status = -1, Exception? inner = null) : base(message, inner) => Status = status;

    /// <summary>The IPP status code, or -1 when there was none.</summary>
    public int Status { get; }
}
