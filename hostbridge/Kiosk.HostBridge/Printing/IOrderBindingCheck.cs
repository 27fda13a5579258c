namespace Kiosk.HostBridge.Printing;

/// <summary>Implemented by the bridge's order store: is the order still owned by this session and this authenticated certificate,
/// and still in a state that may print? Asked immediately before submission.</summary>
public interface IOrderBindingCheck
{
    /// <summary>True only while the order, the session and the certificate serial hash still belong together and the order may print.</summary>
    Task<bool> IsStillBoundAsync(string orderId, string sessionId, string serialHash, CancellationToken ct);
}
