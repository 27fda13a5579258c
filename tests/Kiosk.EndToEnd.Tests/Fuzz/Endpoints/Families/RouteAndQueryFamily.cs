namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>
/// Route and query parsing across every door: the operator endpoints (health, readiness, metrics) and every other family's route template with
/// hostile segments, methods, queries and headers, on the right and the wrong listener, plus paths no route matches.
/// </summary>
public sealed class RouteAndQueryFamily(IReadOnlyList<EndpointFamily> others) : EndpointFamily
{
    private static readonly string[] Unmapped = ["/", "/v1", "/v2/sessions", "/fleet/api", "/favicon.ico", "/.env", "/swagger", "/openapi/v1.json", "/metrics/x"];
    private readonly List<string> _ids = ["x", "store-1", "1.0.0"];

    /// <inheritdoc />
    public override string Name => "query and route parsers";

    /// <inheritdoc />
    public override bool HtmlAllowed => true;

    /// <inheritdoc />
    public override bool NoEchoOnSuccess => false;

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } = [new("GET", "/healthz"), new("GET", "/readyz"), new("GET", "/metrics"), new("GET", "*", 12)];

    /// <inheritdoc />
    public override Task SetupAsync(InProcessBridge bridge) => Task.CompletedTask;

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        string method = route.Method, template = route.Pattern;
        if (template == "*")
        {
            var all = others.SelectMany(f => f.Routes).ToList();
            var pick = random.Next(all.Count + Unmapped.Length);
            (method, template) = pick < all.Count ? (all[pick].Method, all[pick].Pattern) : ("GET", Unmapped[pick - all.Count]);
        }
        var path = HttpMutator.Path(random, template, _ids);
        var query = HttpMutator.Query(random, ["current", "limit", "q", "format", "_", "current[]"], ["1.0.0", "10", "-1", "json"]);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, null);
        var door = (Door)random.Next(3);
        var cert = door == Door.Kiosk && random.Next(4) != 0 ? (random.Next(2) == 0 ? InProcessBridgePki.Device : InProcessBridgePki.Other) : null;
        var body = random.Next(10) == 0 ? HttpMutator.Binary(random) : [];
        return Request(random, door, random.Next(3) == 0 ? HttpMutator.Method(random, "GET") : method, path, query, headers, body, cert);
    }
}
