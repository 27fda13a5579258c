using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Store;

/// <summary>Everything the seed file holds, flattened into the store's records.</summary>
public sealed class SeedData
{
    public List<MunicipalityRecord> Municipalities { get; } = [];
    public List<MunicipalProductRecord> Products { get; } = [];
    public List<HouseholdRecord> Households { get; } = [];
    public List<ResidentRecord> Residents { get; } = [];
    public List<SealRecord> Seals { get; } = [];
    public List<TaxRecord> TaxRecords { get; } = [];
    public List<FamilyRegisterRecord> FamilyRegisters { get; } = [];
    public List<FamilyRegisterMemberRecord> FamilyRegisterMembers { get; } = [];
    public List<AddressHistoryRecord> AddressHistory { get; } = [];
}
