using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Hardware.Emulator.Cli;

/// <summary>
/// <c>pn532 --serial PATH | --tcp PORT [--card PROFILE]</c>: runs the PN532 emulator; commands on stdin place/remove
/// cards and inject faults (see hardware/EMULATORS.md).
/// </summary>
public static class Pn532Command
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliArguments a, CancellationToken cancel)
    {
        var serial = a.Get("--serial");
        var tcp = a.Get("--tcp");
        var cardId = a.Get("--card");
        var profiles = CliSetup.Profiles(a);
        var pki = CliSetup.Pki(a, profiles);
        var log = CliSetup.Logger(a);
        var timing = new Pn532Timing
        {
            UartBaud = a.GetInt("--baud", 115200),
            RealTime = a.Has("--real-time"),
            CardRsaSignTime = TimeSpan.FromMilliseconds(a.GetInt("--sign-ms", 350)),
        };
        var chunk = a.GetInt("--max-response", 252);
        a.RejectUnknown();
        if ((serial is null) == (tcp is null)) throw new UsageException("give exactly one of --serial PATH or --tcp PORT");
        if (cardId is not null) profiles.Get(cardId);

        void Serve(Stream stream)
        {
            using var host = new Pn532Host(stream, timing, log);
            host.Emulator.MaxDataPerResponse = chunk;
            if (cardId is not null) host.Emulator.PlaceCard(CliSetup.Card(cardId, profiles, pki));
            var script = new Thread(() => ReadScript(host.Emulator, profiles, pki, cancel)) { IsBackground = true };
            script.Start();
            while (!cancel.IsCancellationRequested && !host.Join(TimeSpan.FromMilliseconds(200))) { }
            if (host.Failure is not null && !cancel.IsCancellationRequested) Console.Error.WriteLine("pn532: link ended: " + host.Failure.Message);
        }

        if (serial is not null)
        {
            Console.WriteLine("PN532 emulator on " + serial + (cardId is null ? "" : " with card '" + cardId + "'"));
            Serve(Pn532Host.OpenSerial(serial));
        }
        else
        {
            if (!int.TryParse(tcp, out var port)) throw new UsageException("--tcp must be a port number");
            Pn532Host.ServeTcp(port, Serve, cancel,
                () => Console.WriteLine("PN532 emulator listening on 127.0.0.1:" + port + (cardId is null ? "" : " with card '" + cardId + "'")));
        }
        return 0;
    }

    private static void ReadScript(Pn532Emulator emulator, Profiles.ProfileStore profiles, Pki.JpkiTestPki pki, CancellationToken cancel)
    {
        string? line;
        while (!cancel.IsCancellationRequested && (line = Console.In.ReadLine()) is not null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#')) continue;
            try
            {
                switch (words[0])
                {
                    case "place" when words.Length == 2:
                        emulator.PlaceCard(CliSetup.Card(words[1], profiles, pki));
                        Console.WriteLine("placed " + words[1]);
                        break;
                    case "remove":
                        emulator.RemoveCard();
                        Console.WriteLine("removed");
                        break;
                    case "fault" when words.Length >= 2 && Enum.TryParse<Pn532FaultKind>(words[1], ignoreCase: true, out var kind):
                        var ms = words.Length > 2 && int.TryParse(words[2], out var d) ? d : 1000;
                        emulator.InjectFault(new Pn532Fault(kind, TimeSpan.FromMilliseconds(ms)));
                        Console.WriteLine("fault " + kind + " queued");
                        break;
                    case "status":
                        Console.WriteLine("rf " + (emulator.RfOn ? "on" : "off") + ", card " + (emulator.Card is null ? "none" : Convert.ToHexString(emulator.Card.Pupi))
                            + ", modeled " + emulator.ModeledTime.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " ms");
                        break;
                    default:
                        Console.WriteLine("commands: place PROFILE | remove | fault " + string.Join("|", Enum.GetNames<Pn532FaultKind>()) + " [ms] | status");
                        break;
                }
            }
            catch (Profiles.ProfileException e)
            {
                Console.WriteLine(e.Message);
            }
        }
    }
}
