using System.Security.Cryptography.X509Certificates;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>One mapped route (method and route pattern as the bridge's EndpointDataSource spells them) and how often the family aims at it.</summary>
public sealed record RouteSpec(string Method, string Pattern, int Weight = 1);

/// <summary>
/// A family of endpoints that share an input parser (kiosk JSON bodies, store bodies, fleet JSON, console forms, multipart upload, updates Range,
/// query and route parsing). Requests are built only from <see cref="Routes"/>, so what a family declares is what it fuzzes, and the coverage test
/// compares these declarations with the routes the bridge really maps.
/// </summary>
public abstract class EndpointFamily
{
    private int[]? _cumulative;

    /// <summary>Name used in reports and in the seed.</summary>
    public abstract string Name { get; }

    /// <summary>The routes this family fuzzes.</summary>
    public abstract IReadOnlyList<RouteSpec> Routes { get; }

    /// <summary>True when an HTML page is a valid refusal (the console).</summary>
    public virtual bool HtmlAllowed => false;

    /// <summary>
    /// True when even a successful answer must not contain a planted My Number. The terminal-facing families say yes; the fleet families say no,
    /// because an admin may create a store or device whose id is a 12-digit number (one in ten of those passes the check digit) and its listing
    /// then shows it as data. Refusals are checked in every family.
    /// </summary>
    public virtual bool NoEchoOnSuccess => true;

    /// <summary>Makes the state the family aims at (sessions, orders, admin tokens, bundles).</summary>
    public abstract Task SetupAsync(InProcessBridge bridge);

    /// <summary>Builds one request for a route.</summary>
    protected abstract FuzzRequest Build(Random random, RouteSpec route);

    /// <summary>Learns from an answer (new ids to aim at).</summary>
    public virtual Task ObserveAsync(FuzzRequest request, FuzzResponse response) => Task.CompletedTask;

    /// <summary>A family-specific rule on an answer, or null.</summary>
    public virtual string? Judge(FuzzRequest request, FuzzResponse response) => null;

    /// <summary>The next request: a route by weight, then its inputs.</summary>
    public FuzzRequest Next(Random random)
    {
        if (_cumulative is null)
        {
            _cumulative = new int[Routes.Count];
            var sum = 0;
            for (var i = 0; i < Routes.Count; i++) _cumulative[i] = sum += Routes[i].Weight;
        }
        var pick = random.Next(_cumulative[^1]);
        var index = Array.FindIndex(_cumulative, c => pick < c);
        return Build(random, Routes[index]);
    }

    /// <summary>A request with a declared Content-Length chosen by the mutator.</summary>
    protected static FuzzRequest Request(Random random, Door door, string method, string path, string query, List<KeyValuePair<string, string>> headers, byte[] body,
        X509Certificate2? certificate = null)
        => new(door, method, path, query, headers, body, HttpMutator.ContentLength(random, body.Length), certificate);

    /// <summary>Keeps the last <paramref name="max"/> entries of a list of ids.</summary>
    protected static void Remember(List<string> list, string value, int max = 12)
    {
        if (list.Contains(value)) return;
        list.Add(value);
        if (list.Count > max) list.RemoveAt(0);
    }
}
