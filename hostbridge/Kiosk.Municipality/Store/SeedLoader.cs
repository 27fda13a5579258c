using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Store;

/// <summary>Reads the synthetic seed (embedded, or a file given in configuration) into store records.</summary>
public static class SeedLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The seed shipped inside the assembly.</summary>
    public static SeedData LoadEmbedded()
    {
        using var s = typeof(SeedLoader).Assembly.GetManifestResourceStream("Kiosk.Municipality.Seed.residents.seed.json")
            ?? throw new InvalidOperationException("The embedded seed Seed/residents.seed.json is missing from the build.");
        return Parse(s);
    }

    /// <summary>A seed file on disk (Municipality:SeedPath).</summary>
    public static SeedData LoadFile(string path)
    {
        using var s = File.OpenRead(path);
        return Parse(s);
    }

    public static SeedData Parse(Stream json)
    {
        var root = JsonNode.Parse(json) ?? throw new InvalidDataException("The seed is empty.");
        var seed = new SeedData();
        foreach (var m in root["municipalities"]!.AsArray().OfType<JsonNode>())
        {
            var muni = m.Deserialize<MunicipalityRecord>(Json)!;
            seed.Municipalities.Add(muni);
            foreach (var (product, fee) in m["fees"]!.AsObject())
            {
                if (!ProductCodes.IsKnown(product))
                    throw new InvalidDataException($"Seed: municipality {muni.Code} has a fee for unknown product '{product}'.");
                seed.Products.Add(new MunicipalProductRecord { MunicipalityCode = muni.Code, ProductCode = product, FeeYen = fee!.GetValue<int>() });
            }
        }
        foreach (var r in root["familyRegisters"]!.AsArray().OfType<JsonNode>())
        {
            var reg = r.Deserialize<FamilyRegisterRecord>(Json)!;
            seed.FamilyRegisters.Add(reg);
            var pos = 0;
            foreach (var p in r["members"]!.AsArray().OfType<JsonNode>())
            {
                var fields = p.DeepClone().AsObject();
                fields.Remove("events");
                var member = fields.Deserialize<FamilyRegisterMemberRecord>(Json)!;
                member.RegisterId = reg.RegisterId;
                member.Position = ++pos;
                member.Events = string.Join("\n", p["events"]!.AsArray().Select(e => e!.GetValue<string>()));
                seed.FamilyRegisterMembers.Add(member);
            }
        }
        foreach (var h in root["households"]!.AsArray().OfType<JsonNode>())
        {
            var household = h.Deserialize<HouseholdRecord>(Json)!;
            seed.Households.Add(household);
            foreach (var p in h["members"]!.AsArray().OfType<JsonNode>())
            {
                var resident = p.Deserialize<ResidentRecord>(Json)!;
                resident.HouseholdId = household.HouseholdId;
                resident.MunicipalityCode = household.MunicipalityCode;
                if (string.IsNullOrEmpty(resident.MyNumber)) resident.MyNumber = SyntheticMyNumber(resident.ResidentId);
                seed.Residents.Add(resident);
                if (p["seal"] is JsonNode sealNode)
                {
                    var seal = sealNode.Deserialize<SealRecord>(Json)!;
                    seal.ResidentId = resident.ResidentId;
                    seed.Seals.Add(seal);
                }
                foreach (var t in p["taxRecords"]?.AsArray() ?? [])
                {
                    var tax = t!.Deserialize<TaxRecord>(Json)!;
                    tax.ResidentId = resident.ResidentId;
                    seed.TaxRecords.Add(tax);
                }
                var pos = 0;
                foreach (var a in p["addressHistory"]?.AsArray() ?? [])
                {
                    var entry = a!.Deserialize<AddressHistoryRecord>(Json)!;
                    entry.ResidentId = resident.ResidentId;
                    entry.Position = ++pos;
                    seed.AddressHistory.Add(entry);
                }
            }
        }
        return seed;
    }

    /// <summary>
    /// A 12-digit number derived from the resident id whose check digit is deliberately wrong, so it can never be a
    /// real person's My Number yet still looks like one on the paper.
    /// </summary>
    public static string SyntheticMyNumber(string residentId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("kiosk-synthetic-my-number:" + residentId));
        var digits = new StringBuilder();
        for (var i = 0; digits.Length < 11; i++) digits.Append((char)('0' + hash[i] % 10));
        var body = digits.ToString();
        return body + (char)('0' + (CheckDigit(body) + 1) % 10);
    }

    /// <summary>The real My Number check digit of an 11-digit body (個人番号の検査用数字).</summary>
    public static int CheckDigit(string body11)
    {
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = body11[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        var r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }
}
