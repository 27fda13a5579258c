using Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>
/// Every bridge endpoint fuzzed in process (the real app on TestServer, SQLite in a temp folder): short runs in the suite, 10^6 inputs per
/// family with KIOSK_LONG=1 (KIOSK_FUZZ_INPUTS and KIOSK_FUZZ_SEED override). One bridge per family, so each family's memory and data are its own.
/// </summary>
public sealed class EndpointFuzzTests
{
    private static async Task RunAsync(EndpointFamily family, long suiteInputs)
    {
        await using var bridge = await InProcessBridge.StartAsync();
        var report = await EndpointFuzzLoop.RunAsync(bridge, family, FuzzRunner.Inputs(suiteInputs));
        Assert.NotEqual("", report.Statuses);
    }

    [Fact]
    public Task Kiosk_json_bodies() => RunAsync(new KioskJsonFamily(), 3_000);

    [Fact]
    public Task Store_bodies() => RunAsync(new StoreFamily(), 2_000);

    [Fact]
    public Task Fleet_json_api() => RunAsync(new FleetApiFamily(), 2_000);

    [Fact]
    public Task Fleet_form_posts() => RunAsync(new FleetFormFamily(), 800);

    [Fact]
    public Task Multipart_bundle_upload() => RunAsync(new BundleUploadFamily(), 1_500);

    [Fact]
    public Task Updates_range_header() => RunAsync(new UpdatesFamily(), 2_000);

    [Fact]
    public Task Query_and_route_parsers() => RunAsync(EndpointFamilies.All().OfType<RouteAndQueryFamily>().Single(), 2_000);
}
