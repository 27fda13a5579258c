namespace Kiosk.HostBridge.Fleet;

/// <summary>A logged-in admin: fleet-wide when <see cref="Municipality"/> is null, else limited to that municipality's stores.</summary>
public sealed record AdminPrincipal(string Username, string? Municipality)
{
    /// <summary>True when this admin may see and act on things of <paramref name="municipalityCode"/>.</summary>
    public bool CanSee(string municipalityCode) => Municipality is null || Municipality == municipalityCode;

    /// <summary>True for a fleet-wide admin.</summary>
    public bool IsFleetWide => Municipality is null;
}
