using Kiosk.Firmware.Core.Card;
using Xunit.Abstractions;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>The compiled portable core uses nothing that nanoFramework 1.17 lacks.</summary>
public sealed class CoreApiSurfaceTests
{
    private readonly ITestOutputHelper _output;

    public CoreApiSurfaceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Core_references_only_what_nanoFramework_1_17_has()
    {
        var listing = NanoApiListing.Load(RepoPaths.NanoApiFolder());
        var core = typeof(CardResult).Assembly.Location;

        var result = ApiSurfaceChecker.Check(core, listing);
        _output.WriteLine(result.Report());

        // Not vacuous: the scan must see the core's ordinary references.
        Assert.Contains(result.Scan.Uses, u => u.Key == "System.Object::.ctor()");
        Assert.Contains(result.Scan.Uses, u => u.Key == "System.Enum");
        Assert.True(result.Violations.Count == 0, result.Report());
    }

    [Fact]
    public void Listings_are_read_with_members_and_normalized_parameters()
    {
        var listing = NanoApiListing.Load(RepoPaths.NanoApiFolder());

        Assert.True(listing.TypeCount > 300 && listing.MemberCount > 1500, listing.TypeCount + " types, " + listing.MemberCount + " members");
        Assert.True(listing.HasMember("System.String", "Concat(System.String[])"), "params prefix is dropped");
        Assert.True(listing.HasMember("System.Text.Encoding", "GetString(System.Byte[],System.Int32,System.Int32)"));
        Assert.False(listing.HasMember("System.Text.Encoding", "GetString(System.Byte[])"));
        Assert.Equal("mscorlib.txt", listing.FileOf("System.String"));
        Assert.False(listing.HasType("System.Collections.Generic.List<T>"), "generics-preview/ must not be read");
    }
}
