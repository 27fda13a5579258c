using System.Text.Json;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Privacy;

namespace Kiosk.HostBridge.Sessions;

/// <summary>Seals the municipality's resident handle into the session row (bound to the session id) for the session's lifetime only.</summary>
public sealed class ResidentSeal(SecretBox box)
{
    private sealed record Sealed(string M, string R, string S);

    /// <summary>Seals a resident handle for one session.</summary>
    public string Seal(ResidentRef resident, string sessionId)
        => box.Seal(JsonSerializer.Serialize(new Sealed(resident.MunicipalityCode, resident.ResidentId, resident.CertificateSerialHex)), sessionId);

    /// <summary>Opens the handle sealed for this session.</summary>
    public ResidentRef Open(string sealedValue, string sessionId)
    {
        var s = JsonSerializer.Deserialize<Sealed>(box.Open(sealedValue, sessionId))!;
        return new ResidentRef(s.M, s.R, s.S);
    }
}
