using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Store;

/// <summary>The reference municipality's register and issuance ledger (SQLite by default, PostgreSQL by configuration).</summary>
public interface IMunicipalStore
{
    /// <summary>Creates the tables when missing.</summary>
    Task EnsureSchemaAsync(CancellationToken ct);

    /// <summary>True when no municipality is stored yet (the seed has not run).</summary>
    Task<bool> IsEmptyAsync(CancellationToken ct);

    /// <summary>Stores the whole seed in one transaction.</summary>
    Task SeedAsync(SeedData seed, CancellationToken ct);

    Task<MunicipalityRecord?> GetMunicipalityAsync(string code, CancellationToken ct);
    Task<IReadOnlyList<MunicipalProductRecord>> GetProductsAsync(string municipalityCode, CancellationToken ct);
    Task<ResidentRecord?> GetResidentByProfileAsync(string profileId, CancellationToken ct);
    Task<ResidentRecord?> GetResidentAsync(string municipalityCode, string residentId, CancellationToken ct);
    Task<HouseholdRecord?> GetHouseholdAsync(string householdId, CancellationToken ct);
    Task<IReadOnlyList<ResidentRecord>> GetHouseholdMembersAsync(string householdId, CancellationToken ct);
    Task<SealRecord?> GetSealAsync(string residentId, CancellationToken ct);
    Task<IReadOnlyList<TaxRecord>> GetTaxRecordsAsync(string residentId, CancellationToken ct);
    Task<FamilyRegisterRecord?> GetFamilyRegisterAsync(string registerId, CancellationToken ct);
    Task<IReadOnlyList<FamilyRegisterMemberRecord>> GetFamilyRegisterMembersAsync(string registerId, CancellationToken ct);
    Task<IReadOnlyList<AddressHistoryRecord>> GetAddressHistoryAsync(string residentId, CancellationToken ct);

    /// <summary>Stores a document unless its request id is already stored; returns false when it was.</summary>
    Task<bool> TryInsertDocumentAsync(IssuedDocumentRecord document, CancellationToken ct);
    Task<IssuedDocumentRecord?> GetDocumentByRequestIdAsync(string requestId, CancellationToken ct);
    Task<IssuedDocumentRecord?> GetDocumentAsync(string documentId, CancellationToken ct);
    Task<long> CountDocumentsAsync(CancellationToken ct);
}
