namespace Kiosk.HostBridge.Issuance;

/// <summary>
/// The seam for a J-LIS 証明書交付センター adapter (docs/municipal-api.md, "J-LIS centre adapter"): the centre's
/// message formats are released only under NDA, so this names what such an adapter must add beyond
/// <see cref="IIssuanceBackend"/> and nothing ships that implements it.
/// </summary>
public interface IJlisCentreAdapter : IIssuanceBackend
{
    /// <summary>The centre's identifier for this bridge (kiosk operator / store), assigned at enrolment.</summary>
    string OperatorId { get; }

    /// <summary>Reports that a document was printed, or not, so the centre settles the fee and closes the transaction.</summary>
    Task ReportPrintOutcomeAsync(string documentId, bool printed, string? failureCode, CancellationToken ct);

    /// <summary>Lists the municipalities the centre routes to, with the ones offering 本籍地 (family-register) issuance.</summary>
    Task<IReadOnlyList<string>> ListMunicipalitiesAsync(CancellationToken ct);
}
