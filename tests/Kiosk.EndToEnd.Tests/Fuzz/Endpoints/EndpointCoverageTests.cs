namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>No endpoint without a fuzzer: the routes the bridge maps (its EndpointDataSource) against the routes the families fuzz.</summary>
public sealed class EndpointCoverageTests
{
    [Fact]
    public async Task Every_mapped_endpoint_has_a_fuzzer_and_every_fuzzer_aims_at_a_mapped_endpoint()
    {
        await using var bridge = await InProcessBridge.StartAsync();
        var mapped = EndpointFamilies.Mapped(bridge);
        var fuzzed = EndpointFamilies.Fuzzed(EndpointFamilies.All());
        Assert.True(mapped.Count >= 50, "the bridge maps only " + mapped.Count + " routes: " + string.Join(", ", mapped));
        var missing = mapped.Except(fuzzed).ToList();
        Assert.True(missing.Count == 0, "mapped but not fuzzed (add it to a family in Fuzz/Endpoints/Families): " + string.Join(", ", missing));
        var stale = fuzzed.Except(mapped).ToList();
        Assert.True(stale.Count == 0, "fuzzed but not mapped (a family aims at a route that no longer exists): " + string.Join(", ", stale));
    }

    [Fact]
    public async Task The_check_notices_a_family_that_goes_missing()
    {
        await using var bridge = await InProcessBridge.StartAsync();
        var mapped = EndpointFamilies.Mapped(bridge);
        var withoutStore = EndpointFamilies.Fuzzed(EndpointFamilies.All().Where(f => f is not Families.StoreFamily));
        Assert.Contains("POST /v1/store/payments/{code}/confirm", mapped.Except(withoutStore));
    }
}
