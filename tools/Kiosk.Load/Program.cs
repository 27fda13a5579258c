using Kiosk.Load;
using Kiosk.Load.Harness;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("""
        kiosk-load run [--terminals N] [--issuances M] [--postgres CONNSTR] [--faults on|off] [--seed S] [--markdown FILE]
                       [--barrier-share 0.25] [--real-pdf] [--limit-minutes 60] [--stores N] [--bridge-process] [--order-wait-ms 1000]
                       [--worker-ms 250] [--pg-stats] [--verbose]
          Starts PostgreSQL (unless --postgres), the host bridge and the reference municipality in process, a store clerk and
          N headless terminals (real core, own PN532 emulator and card, real mutual TLS), runs M transactions, checks every
          printed paper and every order, and prints the report. Exit code 0 only when every invariant holds.
          --stores N spreads the terminals over N stores, each with its own printer and print gate (default: one store per
          2 terminals; --stores 1 puts every terminal on one printer).
          --pg-stats counts the statements the bridge and the municipality ran per issuance (pg_stat_statements).
        """);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] != "run")
{
    Console.Error.WriteLine("kiosk-load: unknown command '" + args[0] + "'; try kiosk-load --help.");
    return 2;
}
LoadOptions options;
try
{
    options = LoadOptions.Parse(args.Skip(1).ToList());
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine("kiosk-load: " + e.Message);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = await LoadRun.RunAsync(options, Console.Error, cancel.Token);
string markdown = report.ToMarkdown();
Console.WriteLine(markdown);
if (options.Markdown != null) File.WriteAllText(options.Markdown, markdown);
return report.InvariantsHold ? 0 : 1;
