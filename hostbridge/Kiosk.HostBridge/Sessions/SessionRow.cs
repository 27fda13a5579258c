namespace Kiosk.HostBridge.Sessions;

/// <summary>A session as stored; the sealed resident handle and challenge are wiped when it ends.</summary>
public sealed class SessionRow
{
    public string SessionId { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string StoreId { get; set; } = "";
    public string State { get; set; } = "";
    public string? Challenge { get; set; }
    public long ChallengeUsed { get; set; }
    public long CreatedAt { get; set; }
    public long ExpiresAt { get; set; }
    public long MaxExpiresAt { get; set; }
    public string? SerialHash { get; set; }
    public string? SealedResident { get; set; }
    public string? MunicipalityCode { get; set; }
    public string? ReceiptCode { get; set; }
    public string? EndReason { get; set; }
    public long Version { get; set; }

    /// <summary>True while the session may still be used.</summary>
    public bool IsActive => State is SessionStates.Open or SessionStates.Authenticated;
}

/// <summary>Session states.</summary>
public static class SessionStates
{
    /// <summary>Challenge issued, card not yet authenticated.</summary>
    public const string Open = "open";
    /// <summary>Card authenticated; bound to a serial hash.</summary>
    public const string Authenticated = "authenticated";
    /// <summary>Ended by the terminal or superseded by a newer session of the same device.</summary>
    public const string Closed = "closed";
    /// <summary>Timed out or aborted; everything in it was aborted.</summary>
    public const string Expired = "expired";
}
