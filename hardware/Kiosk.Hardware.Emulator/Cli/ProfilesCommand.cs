using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Cli;

/// <summary><c>profiles</c>: lists the card profiles with their state and auth-certificate serial.</summary>
public static class ProfilesCommand
{
    /// <summary>Runs the command.</summary>
    public static int Run(CliArguments a)
    {
        var profiles = CliSetup.Profiles(a);
        var seed = a.Get("--seed") ?? JpkiTestPki.DefaultSeed;
        a.RejectUnknown();
        Console.WriteLine("id                   kind          municipality  auth-serial       state");
        foreach (var p in profiles.Residents)
        {
            var serial = p.IsMyNumberCard ? JpkiTestPki.AuthSerialFor(seed, p.Id) : "-";
            var state = p.IsMyNumberCard
                ? "auth " + p.AuthCertificate.ToString().ToLowerInvariant() + ", PIN tries " + p.AuthPinTriesLeft + "/3"
                  + (p.HasSignCertificate ? ", sign tries " + p.SignPinTriesLeft + "/5" : ", no sign cert")
                : "no JPKI AP";
            Console.WriteLine(p.Id.PadRight(20) + " " + (p.IsMyNumberCard ? "myNumberCard" : "otherTypeB").PadRight(13) + " "
                + (p.MunicipalityCode.Length > 0 ? p.MunicipalityCode : "-").PadRight(13) + " " + serial.PadRight(17) + " " + state);
        }
        return 0;
    }
}
