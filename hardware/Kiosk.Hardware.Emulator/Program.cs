using Kiosk.Hardware.Emulator.Cli;
using Kiosk.Hardware.Emulator.Profiles;

const string Usage = """
    Kiosk hardware emulators (hardware/EMULATORS.md)
      profiles [--profiles FILE] [--seed S]                         list card profiles
      pki export --out DIR [--seed S] [--profiles FILE]              write CA certs, CRLs, resident certs (PEM + DER)
      pn532 --serial PATH|--tcp PORT [--card PROFILE] [--profiles FILE] [--seed S] [--log]
            [--baud N] [--sign-ms N] [--max-response N] [--real-time]   PN532 on a pty/serial device or TCP
      card --vpcd HOST:PORT --card PROFILE [--profiles FILE] [--seed S] [--log]   virtual card in pcscd via vpcd
      bench [--card PROFILE] [--baud N]                              modeled PN532 timings and emulator costs
    """;

var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => cancel.Cancel();
try
{
    if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
    {
        Console.WriteLine(Usage);
        return args.Length == 0 ? 2 : 0;
    }
    var rest = args[1..];
    return args[0] switch
    {
        "profiles" => ProfilesCommand.Run(new CliArguments(rest)),
        "pki" => PkiCommand.Run(rest),
        "pn532" => Pn532Command.Run(new CliArguments(rest, "--log", "--real-time"), cancel.Token),
        "card" => CardCommand.Run(new CliArguments(rest, "--log"), cancel.Token),
        "bench" => BenchCommand.Run(new CliArguments(rest)),
        _ => throw new UsageException("unknown command '" + args[0] + "'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception e) when (e is ProfileException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}
