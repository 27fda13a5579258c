namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>The "Rollouts" configuration section: the release public key, where bundle contents live, size cap and the window time zone.</summary>
public sealed class RolloutOptions
{
    /// <summary>PEM (SubjectPublicKeyInfo) of the ECDSA P-256 release key; without it uploads are refused (503 release-key-missing).</summary>
    public string? ReleaseKeyFile { get; set; }

    /// <summary>Folder for bundle contents; default <c>&lt;DataDir&gt;/bundles</c>.</summary>
    public string? BundleDir { get; set; }

    /// <summary>Largest bundle accepted: the ESP32's managed-code ("deploy") partition is 1792 KiB.</summary>
    public long MaxBundleBytes { get; set; } = 1792 * 1024;

    /// <summary>Time zone of maintenance windows (the stores' local time).</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";
}
