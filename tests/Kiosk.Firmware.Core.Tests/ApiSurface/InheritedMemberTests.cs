namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Members the listings show only under a base type resolve through the .NET base chain; others stay missing.</summary>
public sealed class InheritedMemberTests
{
    [Fact]
    public void Member_declared_on_a_base_type_resolves_and_a_missing_one_does_not()
    {
        var listing = NanoApiListing.Load(RepoPaths.NanoApiFolder());
        var inherited = Member("System.ArgumentNullException", "get_Message");
        var missing = Member("System.ArgumentNullException", "get_TargetSite");
        var scan = new ScanResult("synthetic", new[] { inherited, missing }, Array.Empty<ExcusedUse>());

        var result = ApiSurfaceChecker.Check(scan, listing);

        Assert.False(listing.HasMember("System.ArgumentNullException", "Message"), "premise: listed only on a base type");
        var v = Assert.Single(result.Violations);
        Assert.Equal(missing.Key, v.Key);
        Assert.Contains("and its base types", v.Problem);
    }

    private static ApiUse Member(string type, string name)
    {
        var use = new ApiUse(ApiUseKind.Member, type + "::" + name + "()")
        {
            TypeName = type,
            MemberName = name,
            ReflectionName = type,
            AssemblyName = "System.Runtime",
        };
        use.Sources.Add("Synthetic::Use()");
        return use;
    }
}
