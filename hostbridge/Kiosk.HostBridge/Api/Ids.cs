namespace Kiosk.HostBridge.Api;

/// <summary>Route id checks: session and order ids are 32 lower-case hex characters; anything else cannot exist.</summary>
public static class Ids
{
    /// <summary>Throws the given not-found problem unless the id has the shape the bridge issues.</summary>
    public static void RequireId(string id, string notFoundCode)
    {
        if (id.Length != 32 || !id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')) throw new KioskProblemException(notFoundCode);
    }
}
