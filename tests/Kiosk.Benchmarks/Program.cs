using Kiosk.Benchmarks.CardStack;

// Each benchmark is a subcommand; numbers go to docs/performance.md.
string command = args.Length > 0 ? args[0] : string.Empty;
switch (command)
{
    case "cardstack":
        return CardStackBenchmark.Run(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: Kiosk.Benchmarks <benchmark> [options]");
        Console.Error.WriteLine("  cardstack [--markdown FILE] [--no-opensc]   card session: APDUs, UART/air bytes, modeled time, allocations, OpenSC comparison");
        return 2;
}
