namespace Kiosk.HostBridge.Issuance;

/// <summary>Configuration section "MunicipalApi": where the municipal issuance API is and how hard to try.</summary>
public sealed class MunicipalApiOptions
{
    /// <summary>Base address of the open municipal API, e.g. http://127.0.0.1:5050/.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5050/");
    /// <summary>Time allowed for one attempt of a read call (resolve, offers, quote, verify).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Time allowed for one issuance attempt (rendering a 10-copy PDF takes longer than a lookup).</summary>
    public TimeSpan IssueTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Extra attempts after a transient failure (timeout, connection error, 5xx, 408, 429).</summary>
    public int MaxRetries { get; set; } = 2;
    /// <summary>First back-off delay; doubles on each retry.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Consecutive transient failures that open the circuit.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;
    /// <summary>How long an open circuit fails calls fast before letting one trial call through.</summary>
    public TimeSpan BreakerOpenDuration { get; set; } = TimeSpan.FromSeconds(30);
}
