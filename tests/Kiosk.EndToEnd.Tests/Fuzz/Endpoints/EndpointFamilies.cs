using Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>Every endpoint family, and the routes the bridge maps (read from its EndpointDataSource, not from a list kept by hand).</summary>
public static class EndpointFamilies
{
    /// <summary>A fresh instance of every family (families keep per-run state).</summary>
    public static IReadOnlyList<EndpointFamily> All()
    {
        EndpointFamily[] parsers = [new KioskJsonFamily(), new StoreFamily(), new FleetApiFamily(), new FleetFormFamily(), new BundleUploadFamily(), new UpdatesFamily()];
        return [.. parsers, new RouteAndQueryFamily(parsers)];
    }

    /// <summary>"METHOD pattern" for every route endpoint the running bridge maps.</summary>
    public static IReadOnlySet<string> Mapped(InProcessBridge bridge)
    {
        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in bridge.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods) mapped.Add(method + " " + Normalise(endpoint.RoutePattern.RawText ?? ""));
        }
        return mapped;
    }

    /// <summary>"METHOD pattern" for every route the given families fuzz.</summary>
    public static IReadOnlySet<string> Fuzzed(IEnumerable<EndpointFamily> families)
        => families.SelectMany(f => f.Routes).Where(r => r.Pattern != "*").Select(r => r.Method + " " + Normalise(r.Pattern)).ToHashSet(StringComparer.Ordinal);

    private static string Normalise(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}
