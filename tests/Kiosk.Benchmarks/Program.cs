using Kiosk.Benchmarks.CardStack;
using Kiosk.Benchmarks.Floor;

// Each benchmark is a subcommand; numbers go to docs/performance.md.
string command = args.Length > 0 ? args[0] : string.Empty;
switch (command)
{
    case "cardstack":
        return CardStackBenchmark.Run(args.Skip(1).ToArray());
    case "floor":
        return FloorBenchmark.Run(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: Kiosk.Benchmarks <benchmark> [options]");
        Console.Error.WriteLine("  cardstack [--markdown FILE] [--no-opensc]   card session: APDUs, UART/air bytes, modeled time, allocations, OpenSC comparison");
        Console.Error.WriteLine("  floor [--markdown FILE] [--quick] [--rounds N] [--no-fsync-reference]   CPU ms per issuance of the rig alone, bridge + PostgreSQL alone, everything");
        return 2;
}
