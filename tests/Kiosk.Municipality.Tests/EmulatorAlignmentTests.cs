using System.Text.Json;
using Kiosk.Municipality.Store;

namespace Kiosk.Municipality.Tests;

/// <summary>
/// The seed holds the same people as the card emulator's profiles (read as a data file, not a project reference:
/// the municipality never depends on the emulator).
/// </summary>
public sealed class EmulatorAlignmentTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_my_number_card_profile_is_a_seeded_resident_with_the_same_particulars()
    {
        var path = Path.Combine(RepoRoot(), "hardware", "Kiosk.Hardware.Emulator", "Profiles", "residents.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var seed = SeedLoader.LoadEmbedded();
        var sexes = new Dictionary<string, string> { ["male"] = "男", ["female"] = "女" };
        var checkedCount = 0;
        foreach (var p in doc.RootElement.GetProperty("residents").EnumerateArray())
        {
            if (p.GetProperty("cardKind").GetString() != "myNumberCard") continue;
            var id = p.GetProperty("id").GetString()!;
            var r = seed.Residents.SingleOrDefault(x => x.ProfileId == id);
            Assert.True(r is not null, "profile " + id + " is not in the municipality seed");
            var household = seed.Households.Single(h => h.HouseholdId == r.HouseholdId);
            Assert.Equal(p.GetProperty("name").GetString(), r.FamilyName + " " + r.GivenName);
            Assert.Equal(p.GetProperty("nameKana").GetString(), r.FamilyKana + " " + r.GivenKana.Replace('\u3000', ' '));
            Assert.Equal(p.GetProperty("birthDate").GetString(), r.BirthDate);
            Assert.Equal(sexes[p.GetProperty("sex").GetString()!], r.Sex);
            Assert.Equal(p.GetProperty("municipalityCode").GetString(), r.MunicipalityCode);
            Assert.Equal(p.GetProperty("address").GetString(), household.Address);
            Assert.Equal(p.TryGetProperty("nationality", out _), r.IsForeign);
            checkedCount++;
        }
        Assert.True(checkedCount >= 5, "only " + checkedCount + " card profiles found in " + path);
    }
}
