using Kiosk.Hardware.Emulator.Vpcd;

namespace Kiosk.Hardware.Emulator.Cli;

/// <summary><c>card --vpcd HOST:PORT --card PROFILE</c>: plugs the virtual card into pcscd's vpcd reader until Ctrl+C.</summary>
public static class CardCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliArguments a, CancellationToken cancel)
    {
        var endpoint = a.Require("--vpcd");
        var id = a.Require("--card");
        var profiles = CliSetup.Profiles(a);
        var pki = CliSetup.Pki(a, profiles);
        var log = CliSetup.Logger(a);
        var timeout = a.GetInt("--connect-timeout", 10);
        a.RejectUnknown();
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], out var port)) throw new UsageException("--vpcd must be HOST:PORT, e.g. 127.0.0.1:35963");
        var card = CliSetup.Card(id, profiles, pki);
        using var client = new VpcdClient(card, log);
        client.Connect(endpoint[..colon], port, TimeSpan.FromSeconds(timeout));
        Console.WriteLine("card '" + id + "' inserted in vpcd at " + endpoint + "; Ctrl+C removes it");
        client.Run(cancel);
        return 0;
    }
}
