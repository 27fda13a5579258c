namespace Kiosk.Hardware.Emulator.Cli;

/// <summary><c>pki export --out DIR</c>: writes CA certificates, CRLs and resident certificates as PEM and DER.</summary>
public static class PkiCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(string[] rest)
    {
        if (rest.Length == 0 || rest[0] != "export") throw new UsageException("usage: pki export --out DIR [--seed S] [--profiles FILE]");
        var a = new CliArguments(rest[1..]);
        var outDir = a.Require("--out");
        var profiles = CliSetup.Profiles(a);
        var pki = CliSetup.Pki(a, profiles);
        a.RejectUnknown();
        var files = pki.Export(outDir);
        Console.WriteLine("wrote " + files.Count + " files to " + Path.GetFullPath(outDir) + " (seed '" + pki.Seed + "'; no private keys)");
        return 0;
    }
}
