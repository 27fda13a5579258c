using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Jpki;

/// <summary>Fetches the configured CRLs (URL or file), keeps the last good one per issuer, and answers "usable or stale" for a CA.</summary>
public sealed class CrlCache(IOptions<BridgeOptions> options, JpkiTrustAnchors anchors, IHttpClientFactory httpClients, TimeProvider clock,
    ILogger<CrlCache> logger)
{
    private readonly ConcurrentDictionary<string, (ParsedCrl Crl, DateTimeOffset FetchedAt)> _byIssuer = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    /// <summary>Fetches every source; a source that fails keeps its previous list (which goes stale on its own clock).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _lastAttempt = clock.GetUtcNow();
            foreach (var source in options.Value.Jpki.Crls)
            {
                try
                {
                    var bytes = await FetchAsync(source, ct);
                    var crl = ParsedCrl.Parse(bytes);
                    var signer = anchors.Certificates.FirstOrDefault(crl.IsSignedBy);
                    if (signer is null)
                    {
                        logger.LogWarning("CRL from {Source} is not signed by a configured JPKI trust anchor; ignored", source);
                        continue;
                    }
                    _byIssuer[Key(crl.Issuer)] = (crl, clock.GetUtcNow());
                }
                catch (Exception e) when (e is HttpRequestException or IOException or CryptographicException or TaskCanceledException)
                {
                    logger.LogWarning("CRL fetch from {Source} failed: {Error}", source, e.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> FetchAsync(string source, CancellationToken ct)
    {
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await httpClients.CreateClient("crl").GetByteArrayAsync(source, timeout.Token);
        }
        return await File.ReadAllBytesAsync(source, ct);
    }

    private static string Key(X500DistinguishedName name) => Convert.ToHexString(name.RawData);

    /// <summary>The fresh CRL of this CA, or null when there is none or it is stale (the caller must then refuse: fail closed).</summary>
    public async Task<ParsedCrl?> GetFreshAsync(X509Certificate2 issuingCa, CancellationToken ct)
    {
        var found = Fresh(issuingCa);
        if (found is not null) return found;
        if (clock.GetUtcNow() - _lastAttempt > TimeSpan.FromSeconds(2)) await RefreshAsync(ct);
        return Fresh(issuingCa);
    }

    private ParsedCrl? Fresh(X509Certificate2 ca)
    {
        if (!_byIssuer.TryGetValue(Key(ca.SubjectName), out var entry)) return null;
        var now = clock.GetUtcNow();
        if (entry.Crl.NextUpdate is { } next && now > next) return null;
        if (now - entry.FetchedAt > options.Value.Jpki.CrlMaxAge) return null;
        if (entry.Crl.ThisUpdate > now + TimeSpan.FromMinutes(5)) return null;
        return entry.Crl;
    }

    /// <summary>True when every anchor has a fresh CRL (readiness).</summary>
    public bool AllFresh() => anchors.Certificates.Count > 0 && anchors.Certificates.All(a => Fresh(a) is not null);
}
