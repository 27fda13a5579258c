#if HAS_MUNICIPALITY
using Kiosk.Firmware.Simulator.Orchestration;
using System.Globalization;
using Kiosk.Municipality;
using Kiosk.Municipality.Rules;

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
        var clock = ClockOf(o.MunicipalityClock);
        var app = MunicipalityApp.Build(args.ToArray(), b =>
        {
            Quiet.Configure(b);
            if (clock != null) b.Services.AddSingleton(clock);
        });
        await MunicipalityApp.InitializeAsync(app, ct);
        await app.StartAsync(ct);
        return new MunicipalityPart(app, Addresses.Of(app, "http://"));
    }

    /// <summary>The clock an option names; null keeps the municipality's own (the real one).</summary>
    private static TimeProvider? ClockOf(string option) => option switch
    {
        "real" => null,
        "noon" => ShiftedClock.NoonInJapanToday(),
        _ => new ShiftedClock(DateTimeOffset.Parse(option, CultureInfo.InvariantCulture, DateTimeStyles.None)),
    };

    /// <summary>How the clock option reads in the list of parts.</summary>
    public static string Describe(string option) => option switch
    {
        "real" => "clock: this machine's",
        "noon" => "clock: noon JST today",
        _ => "clock: from " + option,
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
#endif
