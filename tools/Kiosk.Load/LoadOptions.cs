using System.Globalization;

namespace Kiosk.Load;

/// <summary>What one load run does (the command line of <c>kiosk-load run</c>).</summary>
public sealed class LoadOptions
{
    /// <summary>Headless terminals, each with its own device certificate, reader and card.</summary>
    public int Terminals { get; set; } = 16;

    /// <summary>Transactions to run in total (spread over the terminals).</summary>
    public int Issuances { get; set; } = 1000;

    /// <summary>An existing PostgreSQL database's connection string; null starts a private server (initdb/pg_ctl).</summary>
    public string? Postgres { get; set; }

    /// <summary>Inject delays, timeouts and errors at the municipality, the printer, the payment and the network.</summary>
    public bool Faults { get; set; }

    /// <summary>Seed of every random choice (faults, clerk, barrier rounds), so a failing run can be replayed.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Where to write the report as Markdown (also printed to stdout).</summary>
    public string? Markdown { get; set; }

    /// <summary>Fraction of rounds whose order POSTs are released together by a barrier.</summary>
    public double BarrierShare { get; set; } = 0.25;

    /// <summary>Render the municipality's real PDFs (PDFsharp) instead of the minimal PDF naming the resident.</summary>
    public bool RealPdf { get; set; }

    /// <summary>Longest the whole run may take before it is stopped and reported as incomplete.</summary>
    public TimeSpan Limit { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Stores the terminals are spread over, each with its own folder printer and print gate; null: one store per 2 terminals.</summary>
    public int? Stores { get; set; }

    /// <summary>The store count in effect: <see cref="Stores"/>, or one store per 2 terminals, never more stores than terminals.</summary>
    public int StoreCount => Math.Min(Terminals, Stores ?? Math.Max(1, Terminals / 2));

    /// <summary>Run the bridge as a child process so its CPU time is measured apart (faults off only: printer faults act on the
    /// in-process bridge's printer).</summary>
    public bool BridgeProcess { get; set; }

    /// <summary>Count the statements each database ran during the terminal phase (pg_stat_statements on the run's own PostgreSQL).</summary>
    public bool PgStats { get; set; }

    /// <summary>More settings for the PostgreSQL this run starts ("-c name=value ..."), after the defaults (which run it with
    /// fsync off); e.g. "-c fsync=on" for a durable reference. Not a command-line option: the floor benchmark sets it.</summary>
    public string? PgServerOptions { get; set; }

    /// <summary>The terminals' long-poll wait on order status (SessionConfig.OrderWaitMs); 0 = plain polls every 20 ms.</summary>
    public int OrderWaitMs { get; set; } = 1000;

    /// <summary>The bridge's order-worker interval in ms (its safety-net pass over open orders; payments and long polls do not wait
    /// for it). The bridge's default is 250.</summary>
    public int WorkerMs { get; set; } = 250;

    /// <summary>Log lines of the bridge and the core to stderr.</summary>
    public bool Verbose { get; set; }

    /// <summary>Parses <c>run [--terminals N] [--issuances M] [--postgres CONNSTR] [--faults on|off] [--seed S] [--markdown FILE]
    /// [--barrier-share F] [--real-pdf] [--limit-minutes M] [--stores N] [--bridge-process] [--pg-stats] [--order-wait-ms MS] [--worker-ms MS] [--verbose]</c>; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LoadOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException(a + " needs a value.");
            switch (a)
            {
                case "--terminals": o.Terminals = Positive(a, Value()); break;
                case "--issuances": o.Issuances = Positive(a, Value()); break;
                case "--postgres": o.Postgres = Value(); break;
                case "--faults":
                    string f = Value();
                    o.Faults = f switch { "on" => true, "off" => false, _ => throw new ArgumentException("--faults takes on or off, not '" + f + "'.") };
                    break;
                case "--seed": o.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--markdown": o.Markdown = Value(); break;
                case "--barrier-share": o.BarrierShare = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--real-pdf": o.RealPdf = true; break;
                case "--limit-minutes": o.Limit = TimeSpan.FromMinutes(Positive(a, Value())); break;
                case "--stores": o.Stores = Positive(a, Value()); break;
                case "--bridge-process": o.BridgeProcess = true; break;
                case "--pg-stats": o.PgStats = true; break;
                case "--worker-ms": o.WorkerMs = Positive(a, Value()); break;
                case "--order-wait-ms":
                    string w = Value();
                    o.OrderWaitMs = int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 60000 ? ms
                        : throw new ArgumentException("--order-wait-ms takes 0 to 60000, not '" + w + "'.");
                    break;
                case "--verbose": o.Verbose = true; break;
                default: throw new ArgumentException("Unknown option '" + a + "'.");
            }
        }
        if (o.PgStats && o.Postgres != null) throw new ArgumentException("--pg-stats needs the run's own PostgreSQL (leave out --postgres).");
        if (o.BridgeProcess && o.Faults) throw new ArgumentException("--bridge-process needs --faults off (printer faults act on an in-process bridge).");
        return o;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException(name + " takes a positive whole number, not '" + value + "'.");
}
