using System.Collections.Concurrent;
using Kiosk.HostBridge.Issuance;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>In-memory municipality for the bridge's own tests (the real HTTP adapter is tested against the reference municipality).</summary>
public sealed class FakeIssuanceBackend : IIssuanceBackend
{
    private readonly ConcurrentDictionary<string, ResidentRef> _residents = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Issue requests received, in order.</summary>
    public ConcurrentQueue<IssueRequest> Issued { get; } = new();

    /// <summary>Delay before IssueAsync answers (to make timeouts happen).</summary>
    public TimeSpan IssueDelay { get; set; }

    /// <summary>When set, documents claim this serial as their subject (a municipality bug the bridge must catch).</summary>
    public string? WrongSubjectSerial { get; set; }

    /// <summary>Registers a card's resident.</summary>
    public void AddResident(TestCard card, string residentId, string municipality = "131016")
        => _residents[card.SerialHex] = new ResidentRef(municipality, residentId, card.SerialHex);

    public Task<ResidentRef?> ResolveResidentAsync(string certificateSerialHex, string issuerDn, CancellationToken ct)
        => Task.FromResult(_residents.TryGetValue(certificateSerialHex, out var r) ? r : null);

    public Task<IReadOnlyList<ProductOffer>> ListProductsAsync(ResidentRef resident, DateTimeOffset now, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<ProductOffer>>(
        [
            new ProductOffer("juminhyo", true, null, 200, 3, [new ProductOption("mynumber", false), new ProductOption("honseki", false)],
                [new HouseholdMember("m1", "self", true), new HouseholdMember("m2", "spouse", false)]),
            new ProductOffer("inkan", false, "seal-abolished", 200, 1, [], []),
            new ProductOffer("shotoku-kazei", true, null, 300, 2, [], [], [2026, 2025]),
        ]);

    public async Task<IssuedDocument> IssueAsync(IssueRequest request, CancellationToken ct)
    {
        if (IssueDelay > TimeSpan.Zero) await Task.Delay(IssueDelay, ct);
        Issued.Enqueue(request);
        var subject = WrongSubjectSerial ?? request.Resident.CertificateSerialHex;
        return new IssuedDocument("doc-" + request.RequestId, subject, "%PDF-1.7 test"u8.ToArray(), 1);
    }
}
