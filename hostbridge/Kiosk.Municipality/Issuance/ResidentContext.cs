using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Store;

namespace Kiosk.Municipality.Issuance;

/// <summary>Everything the rules and the certificates need about one resident, read once per request.</summary>
public sealed class ResidentContext
{
    public required MunicipalityRecord Municipality { get; init; }
    public required IReadOnlyDictionary<string, int> Fees { get; init; }
    public required ResidentRecord Resident { get; init; }
    public required HouseholdRecord Household { get; init; }
    public required IReadOnlyList<ResidentRecord> HouseholdMembers { get; init; }
    public SealRecord? Seal { get; init; }
    public required IReadOnlyList<TaxRecord> TaxRecords { get; init; }
    /// <summary>The resident's family register when this municipality keeps it (本籍 here); otherwise null.</summary>
    public FamilyRegisterRecord? FamilyRegister { get; init; }
    public required IReadOnlyList<FamilyRegisterMemberRecord> FamilyRegisterMembers { get; init; }
    public required IReadOnlyList<AddressHistoryRecord> AddressHistory { get; init; }
    /// <summary>Family registers of household members wherever kept, for the 本籍・筆頭者 option of a 住民票.</summary>
    public required IReadOnlyDictionary<string, FamilyRegisterRecord> MemberRegisters { get; init; }

    public ResidentRecord? Head => HouseholdMembers.FirstOrDefault(m => m.ResidentId == Household.HeadResidentId);

    /// <summary>Loads the context; null when the municipality or the resident is unknown.</summary>
    public static async Task<ResidentContext?> LoadAsync(IMunicipalStore store, string municipalityCode, string residentId, CancellationToken ct)
    {
        var muni = await store.GetMunicipalityAsync(municipalityCode, ct);
        if (muni is null) return null;
        var resident = await store.GetResidentAsync(municipalityCode, residentId, ct);
        if (resident is null) return null;
        var household = await store.GetHouseholdAsync(resident.HouseholdId, ct)
            ?? throw new InvalidDataException($"Resident {residentId} points at a missing household.");
        var fees = (await store.GetProductsAsync(municipalityCode, ct)).ToDictionary(p => p.ProductCode, p => p.FeeYen);
        FamilyRegisterRecord? register = null;
        IReadOnlyList<FamilyRegisterMemberRecord> registerMembers = [];
        if (resident.FamilyRegisterId is { } regId)
        {
            var r = await store.GetFamilyRegisterAsync(regId, ct);
            if (r is not null && r.MunicipalityCode == municipalityCode)
            {
                register = r;
                registerMembers = await store.GetFamilyRegisterMembersAsync(regId, ct);
            }
        }
        var members = await store.GetHouseholdMembersAsync(household.HouseholdId, ct);
        var memberRegisters = new Dictionary<string, FamilyRegisterRecord>();
        foreach (var id in members.Select(m => m.FamilyRegisterId).OfType<string>().Distinct())
            if (await store.GetFamilyRegisterAsync(id, ct) is { } reg) memberRegisters[id] = reg;
        return new ResidentContext
        {
            Municipality = muni,
            Fees = fees,
            Resident = resident,
            Household = household,
            HouseholdMembers = members,
            MemberRegisters = memberRegisters,
            Seal = await store.GetSealAsync(residentId, ct),
            TaxRecords = await store.GetTaxRecordsAsync(residentId, ct),
            FamilyRegister = register,
            FamilyRegisterMembers = registerMembers,
            AddressHistory = await store.GetAddressHistoryAsync(residentId, ct),
        };
    }
}
