using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Cli;

/// <summary>Options every command shares: --profiles, --seed, --log.</summary>
public static class CliSetup
{
    /// <summary>The profile store from --profiles or the embedded default.</summary>
    public static ProfileStore Profiles(CliArguments a) => a.Get("--profiles") is { } path ? ProfileStore.Load(path) : ProfileStore.Default;

    /// <summary>The PKI of --seed over the chosen profiles.</summary>
    public static JpkiTestPki Pki(CliArguments a, ProfileStore profiles) => JpkiTestPki.Create(a.Get("--seed") ?? JpkiTestPki.DefaultSeed, profiles);

    /// <summary>Builds the card of a profile id.</summary>
    public static VirtualMyNumberCard Card(string id, ProfileStore profiles, JpkiTestPki pki) => VirtualMyNumberCard.Create(profiles.Get(id), pki);

    /// <summary>A stderr logger when --log is given (timestamps in ms since start).</summary>
    public static Action<string>? Logger(CliArguments a)
    {
        if (!a.Has("--log")) return null;
        var start = DateTime.UtcNow;
        var gate = new object();
        return line =>
        {
            lock (gate) Console.Error.WriteLine(((DateTime.UtcNow - start).TotalMilliseconds.ToString("00000.0", System.Globalization.CultureInfo.InvariantCulture)) + " " + line);
        };
    }
}
