using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.HostBridge.Devices;

/// <summary>Decides in the TLS handshake whether a client certificate is a live fleet device: chained to the fleet CA only, in validity, enrolled, not revoked.</summary>
public sealed class DeviceCertificateValidator(X509Certificate2 fleetCa, DeviceTrustCache cache, TimeProvider clock, BridgeMetrics metrics,
    ILogger<DeviceCertificateValidator> logger)
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Kestrel's ClientCertificateValidation callback; false aborts the handshake before any handler runs.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? _, SslPolicyErrors __)
    {
        var refusal = Check(certificate);
        if (refusal is null) return true;
        metrics.DeviceRefused(refusal);
        // The serial of a fleet certificate identifies a terminal, not a person: safe to log.
        logger.LogWarning("Refused device certificate {Serial}: {Reason}", certificate.SerialNumber, refusal);
        return false;
    }

    /// <summary>Null when the certificate is acceptable, otherwise the refusal reason.</summary>
    public string? Check(X509Certificate2 certificate)
    {
        using var owned = new OwnedChain();
        var chain = owned.Chain;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(fleetCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the fleet's own list, below
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthOid));
        if (!chain.Build(certificate))
        {
            var expired = chain.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid));
            return expired ? "expired" : "untrusted";
        }
        var lookup = cache.Lookup(certificate.SerialNumber);
        return lookup.Refusal;
    }

    /// <summary>Per-request check on a kept-alive connection: the chain was built in its handshake and cannot change while the
    /// connection lasts, so only the validity period and the fleet's revocation list are looked at again.</summary>
    public string? CheckOnConnection(X509Certificate2 certificate, IDictionary<object, object?>? connectionItems)
    {
        if (connectionItems is not null && connectionItems.TryGetValue(ChainCheckedKey, out var seen) && ReferenceEquals(seen, certificate))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now >= certificate.NotBefore.ToUniversalTime() && now <= certificate.NotAfter.ToUniversalTime()
                && now <= fleetCa.NotAfter.ToUniversalTime())
                return cache.Lookup(certificate.SerialNumber).Refusal;
            return "expired";
        }
        var refusal = Check(certificate);
        if (refusal is null && connectionItems is not null) connectionItems[ChainCheckedKey] = certificate;
        return refusal;
    }

    private static readonly object ChainCheckedKey = new();
}
