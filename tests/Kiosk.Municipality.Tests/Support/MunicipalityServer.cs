using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Kiosk.Municipality.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Municipality.Tests.Support;

/// <summary>
/// The real reference municipality on its own loopback port, with a temp data dir, a card map of random serials for
/// every seeded profile, and a manual clock. Disposing stops it and deletes the temp dir.
/// </summary>
public sealed class MunicipalityServer : IAsyncDisposable
{
    public const string Issuer = "C=JP, O=JPKI, OU=JPKI for user authentication, OU=Japan Agency for Local Authority Information Systems";

    private readonly WebApplication _app;
    public string DataDir { get; }
    public Uri BaseAddress { get; }
    public ManualClock Clock { get; }
    /// <summary>profile id → auth certificate serial (hex) bound in this run.</summary>
    public IReadOnlyDictionary<string, string> Serials { get; }
    public HttpClient Http { get; }
    public IMunicipalStore Store => _app.Services.GetRequiredService<IMunicipalStore>();

    private MunicipalityServer(WebApplication app, string dataDir, ManualClock clock, IReadOnlyDictionary<string, string> serials)
    {
        _app = app;
        DataDir = dataDir;
        Clock = clock;
        Serials = serials;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<MunicipalityServer> StartAsync(ManualClock? clock = null, string? postgresConnectionString = null)
    {
        clock ??= ManualClock.WeekdayMorning();
        var dir = Path.Combine(Path.GetTempPath(), "kiosk-muni-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var serials = SeedLoader.LoadEmbedded().Residents.Where(r => r.ProfileId is not null)
            .ToDictionary(r => r.ProfileId!, _ => RandomSerial());
        var mapPath = Path.Combine(dir, "cards.json");
        await File.WriteAllTextAsync(mapPath, JsonSerializer.Serialize(new
        {
            cards = serials.Select(kv => new { serial = kv.Value, issuer = Issuer, profileId = kv.Key }),
        }));
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Municipality:DataDir=" + dir,
            "--Municipality:CardMapPath=" + mapPath,
            "--Logging:LogLevel:Default=Warning",
        };
        if (postgresConnectionString is not null)
        {
            args.Add("--Municipality:Store=postgres");
            args.Add("--ConnectionStrings:Municipality=" + postgresConnectionString);
        }
        var app = MunicipalityApp.Build(args.ToArray(), b => b.Services.AddSingleton<TimeProvider>(clock));
        await MunicipalityApp.InitializeAsync(app);
        await app.StartAsync();
        return new MunicipalityServer(app, dir, clock, serials);
    }

    /// <summary>A positive 8-byte serial in canonical form (no leading zero byte), as a JPKI CA would assign.</summary>
    private static string RandomSerial()
    {
        var bytes = RandomNumberGenerator.GetBytes(8);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x10);
        return Convert.ToHexString(bytes);
    }

    /// <summary>The resident reference for a profile, resolved through the API like the bridge does.</summary>
    public async Task<(string Municipality, string ResidentId, string Serial)> ResolveAsync(string profileId)
    {
        var serial = Serials[profileId];
        var resp = await Http.PostAsJsonAsync("/v1/residents/resolve", new { certificateSerial = serial, issuer = Issuer });
        resp.EnsureSuccessStatusCode();
        var body = await resp.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("municipalityCode").GetString()!, body.GetProperty("residentId").GetString()!, serial);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
