#if HAS_MUNICIPALITY
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Municipality;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The reference municipality, in process, on a free loopback port.</summary>
internal sealed class MunicipalityPart(WebApplication app, string url) : IAsyncDisposable
{
    /// <summary>Its base URL (http://127.0.0.1:port/).</summary>
    public string Url { get; } = url;

    public static async Task<MunicipalityPart> StartAsync(SimulatorOptions o, string cardMapPath, CancellationToken ct)
    {
        string dir = Path.Combine(o.DataDirectory, "municipality");
        Directory.CreateDirectory(dir);
        var args = new List<string>
        {
            "--contentRoot=" + dir,
            "--urls=http://127.0.0.1:0",
            "--Municipality:DataDir=" + dir,
            "--Municipality:CardMapPath=" + cardMapPath,
        };
        args.AddRange(Quiet.Args);
        if (o.PostgresConnectionString != null)
        {
            args.Add("--Municipality:Store=postgres");
            args.Add("--ConnectionStrings:Municipality=" + o.PostgresConnectionString);
        }
        var app = MunicipalityApp.Build(args.ToArray(), Quiet.Configure);
        await MunicipalityApp.InitializeAsync(app, ct);
        await app.StartAsync(ct);
        return new MunicipalityPart(app, Addresses.Of(app, "http://"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
#endif
