namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>How the simulator was asked to run; every option has an embedded default.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Front panel port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Folder for the generated dev PKI, the SQLite databases and the printed PDFs.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>PostgreSQL connection string for the bridge and the municipality; null means SQLite files in the data folder.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>A real IPP printer (ipp://host:port/path); null means the folder printer.</summary>
    public string? IppPrinterUrl { get; set; }

    /// <summary>"register" (the store's POS confirms a payment code) or "free" (campaign mode, nothing to pay).</summary>
    public string Payment { get; set; } = "register";

    /// <summary>When set, runs one whole transaction for this resident profile unattended and exits.</summary>
    public string? ScriptedResident { get; set; }

    /// <summary>A bundle folder written by <c>kioskctl provision</c>: run the terminal against the external bridge it names.</summary>
    public string? BridgeBundle { get; set; }

    /// <summary>Heartbeat period in seconds (the core's default when null).</summary>
    public int? HeartbeatSeconds { get; set; }

    /// <summary>Seconds between the terminal's certificate checks in bundle mode (a day when null).</summary>
    public int? RenewCheckSeconds { get; set; }

    /// <summary>The reference municipality's clock: "noon" (noon in Japan today, so the store service is open whatever the
    /// hour here), "real" (this machine's clock, with the real 6:30–23:00 JST hours), or an ISO 8601 instant it starts from.</summary>
    public string MunicipalityClock { get; set; } = "noon";

    /// <summary>True when --help was asked.</summary>
    public bool ShowHelp { get; set; }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        Kiosk simulator: the host bridge, the reference municipality, the PN532 and My Number Card emulators
        and the terminal core on a simulated board, with a web front panel.

        usage: dotnet run --project firmware/Kiosk.Firmware.Simulator -- [options]
          --port N              front panel port on 127.0.0.1 (default 5080; 0 = any free port)
          --data DIR            data folder: dev PKI, SQLite files, printed PDFs (default ./.kiosk under the repository)
          --postgres CONNSTR    use PostgreSQL instead of SQLite (e.g. "Host=127.0.0.1;Username=kiosk;Database=kiosk")
          --ipp URL             print to a real IPP printer (e.g. ipp://127.0.0.1:8631/ipp/print) instead of the folder printer
          --payment MODE        register (default: the store's POS confirms a payment code) or free
          --scripted RESIDENT   run one whole transaction for this test resident unattended; exit 0 and print the PDF path
          --bridge-bundle DIR   run only the terminal, against the external bridge of a kioskctl provision bundle
                                (device certificate and key, CA bundle, device-config.json); no bridge in process
          --heartbeat-seconds N heartbeat period while idle (default 30)
          --renew-check-seconds N  with --bridge-bundle: seconds between certificate renewal checks (default one day)
          --municipality-clock C  the reference municipality's clock: noon (default: noon in Japan today, so the
                                store service is open at any hour here), real (this machine's clock: closed 23:00-6:30 JST),
                                or an ISO 8601 instant to start from (e.g. 2026-11-24T02:00:00+09:00)
          --help                this text
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message for the user on bad input.</summary>
    public static SimulatorOptions Parse(string[] args)
    {
        var o = new SimulatorOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "--help" or "-h":
                    o.ShowHelp = true;
                    break;
                case "--port":
                    string p = Value(args, ref i, a);
                    if (!int.TryParse(p, out int port) || port < 0 || port > 65535)
                        throw new ArgumentException("--port needs a number from 0 to 65535, not '" + p + "'.");
                    o.Port = port;
                    break;
                case "--data":
                    o.DataDirectory = Value(args, ref i, a);
                    break;
                case "--postgres":
                    o.PostgresConnectionString = Value(args, ref i, a);
                    break;
                case "--ipp":
                    string url = Value(args, ref i, a);
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "ipp" && u.Scheme != "ipps" && u.Scheme != "http" && u.Scheme != "https"))
                        throw new ArgumentException("--ipp needs a printer URL such as ipp://127.0.0.1:8631/ipp/print, not '" + url + "'.");
                    o.IppPrinterUrl = url;
                    break;
                case "--payment":
                    string m = Value(args, ref i, a);
                    if (m != "register" && m != "free")
                        throw new ArgumentException("--payment is 'register' or 'free', not '" + m + "'.");
                    o.Payment = m;
                    break;
                case "--bridge-bundle":
                    string b = Value(args, ref i, a);
                    if (!Directory.Exists(b)) throw new ArgumentException("--bridge-bundle: no such folder '" + b + "'.");
                    o.BridgeBundle = Path.GetFullPath(b);
                    break;
                case "--heartbeat-seconds":
                    string h = Value(args, ref i, a);
                    if (!int.TryParse(h, out int hs) || hs < 1 || hs > 3600)
                        throw new ArgumentException("--heartbeat-seconds needs a number from 1 to 3600, not '" + h + "'.");
                    o.HeartbeatSeconds = hs;
                    break;
                case "--renew-check-seconds":
                    string r = Value(args, ref i, a);
                    if (!int.TryParse(r, out int rs) || rs < 1 || rs > 7 * 24 * 3600)
                        throw new ArgumentException("--renew-check-seconds needs a number from 1 to 604800, not '" + r + "'.");
                    o.RenewCheckSeconds = rs;
                    break;
                case "--municipality-clock":
                    string c = Value(args, ref i, a);
                    if (c != "noon" && c != "real" && !DateTimeOffset.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
                        throw new ArgumentException("--municipality-clock is 'noon', 'real' or an ISO 8601 instant such as 2026-11-24T02:00:00+09:00, not '" + c + "'.");
                    o.MunicipalityClock = c;
                    break;
                case "--scripted":
                    o.ScriptedResident = Value(args, ref i, a);
                    break;
                default:
                    throw new ArgumentException("Unknown option '" + a + "'. Try --help.");
            }
        }
        if (o.DataDirectory.Length == 0) o.DataDirectory = DefaultDataDirectory();
        o.DataDirectory = Path.GetFullPath(o.DataDirectory);
        return o;
    }

    private static string Value(string[] args, ref int i, string name)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException(name + " needs a value. Try --help.");
        return args[++i];
    }

    /// <summary>./.kiosk under the repository root (found by walking up to Kiosk.sln), else under the current folder.</summary>
    public static string DefaultDataDirectory()
    {
        string? root = RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? RepositoryRoot.Find(AppContext.BaseDirectory);
        return Path.Combine(root ?? Directory.GetCurrentDirectory(), ".kiosk");
    }
}
