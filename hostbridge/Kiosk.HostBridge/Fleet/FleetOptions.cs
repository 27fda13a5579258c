namespace Kiosk.HostBridge.Fleet;

/// <summary>The "Fleet" configuration section: the enrolment/admin listener, the issuing CA key, the seeded admin, health thresholds.</summary>
public sealed class FleetOptions
{
    /// <summary>HTTPS port for enrolment, the admin API and the console (no client certificate asked); -1 disables it, 0 picks a free port.</summary>
    public int Port { get; set; } = -1;

    /// <summary>PEM file of the fleet CA private key (PKCS#8); without it the development PKI's key is used when present.</summary>
    public string? CaKeyFile { get; set; }

    /// <summary>The kiosk (mTLS) URL written into device configs; the enrolment response carries it.</summary>
    public string? KioskUrl { get; set; }

    /// <summary>Validity of an issued device certificate.</summary>
    public int DeviceCertificateDays { get; set; } = 397;

    /// <summary>Default lifetime of an enrolment token.</summary>
    public TimeSpan EnrolmentTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of an admin login.</summary>
    public TimeSpan AdminSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A device with no heartbeat for this long is "silent".</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Free heap below this many bytes raises a "low-memory" alert.</summary>
    public long LowHeapBytes { get; set; } = 32 * 1024;

    /// <summary>Certificates expiring within this many days show in the expiry overview and raise an alert.</summary>
    public int ExpiryWarningDays { get; set; } = 30;

    /// <summary>A device may renew its certificate (same key, new serial and validity) once it is within this many days of expiry.</summary>
    public int RenewWithinDays { get; set; } = 45;

    /// <summary>Reader/printer/device states counted as healthy; anything else raises an "unhealthy" alert.</summary>
    public List<string> HealthyStates { get; set; } = ["ok", "ready", "idle", "busy"];

    /// <summary>The first admin account, created at start when missing (fleet-wide unless a municipality is given).</summary>
    public SeedAdminOptions SeedAdmin { get; set; } = new();
}

/// <summary>Seeded admin account (KIOSK_Fleet__SeedAdmin__Username / __Password / __Municipality).</summary>
public sealed class SeedAdminOptions
{
    /// <summary>User name; nothing is seeded when empty.</summary>
    public string? Username { get; set; }

    /// <summary>Password (only its PBKDF2 hash is stored).</summary>
    public string? Password { get; set; }

    /// <summary>Municipality code the admin is limited to; empty means fleet-wide.</summary>
    public string? Municipality { get; set; }
}
