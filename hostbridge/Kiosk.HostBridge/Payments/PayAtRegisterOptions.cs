namespace Kiosk.HostBridge.Payments;

/// <summary>Settings of the pay-at-register flow.</summary>
public sealed class PayAtRegisterOptions
{
    /// <summary>How long a code may be confirmed at the register.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Store id → API key the store's POS sends in the <c>X-Store-Api-Key</c> header.</summary>
    public Dictionary<string, string> StoreApiKeys { get; set; } = new(StringComparer.Ordinal);
}
