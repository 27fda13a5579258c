using System.Diagnostics;
using System.Text;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Host.Pcsc;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Vpcd;
using Kiosk.TestSupport;

namespace Kiosk.Benchmarks.CardStack;

/// <summary>APDUs for read-certificate + tries + verify + sign: the core's JPKI client over PC/SC vs. OpenSC 0.23's tools, same virtual card.</summary>
internal static class OpenScComparison
{
    private static readonly string Module = new[]
    {
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so", "/usr/lib/opensc-pkcs11.so",
    }.FirstOrDefault(File.Exists) ?? "opensc-pkcs11.so";

    public static void Write(StringBuilder report)
    {
        using PcscdVpcd pcscd = PcscdVpcd.Start();
        string folder = Directory.CreateTempSubdirectory("kiosk-bench-opensc-").FullName;
        try
        {
            string data = Path.Combine(folder, "challenge.bin");
            File.WriteAllBytes(data, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
            string jpkiOnly = Path.Combine(folder, "opensc.conf");
            File.WriteAllText(jpkiOnly, "app default {\n  card_drivers = jpki;\n}\n");

            int ours = Count(pcscd, () =>
            {
                using var transport = new PcscCardTransport(pcscd.ReaderName);
                var card = new JpkiCard(transport);
                Require(card.Open().IsOk && card.ReadAuthCertificate().IsOk && card.QueryPinTriesLeft().IsOk
                    && card.VerifyPin("1234"u8.ToArray(), 0, 4).IsOk && card.SignChallenge(new byte[32], 0, 32).IsOk, "core JPKI client");
                card.Release();
            });

            int[] openscDefault = OpenSc(pcscd, data, null);
            int[] openscJpki = OpenSc(pcscd, data, jpkiOnly);
            report.AppendLine("APDUs for read auth certificate + PIN tries + VERIFY + sign, same virtual card in pcscd + vpcd (counted by the card):");
            report.AppendLine();
            report.AppendLine("| Client | Read certificate | Sign (with login) | Total APDUs |");
            report.AppendLine("|---|---:|---:|---:|");
            report.AppendLine("| Kiosk core JPKI client over PC/SC (one session) | — | — | " + ours + " |");
            report.AppendLine("| OpenSC 0.23, `card_drivers = jpki` (`pkcs15-tool --read-certificate 01`, `pkcs11-tool --login --sign -m SHA256-RSA-PKCS`) | "
                + openscJpki[0] + " | " + openscJpki[1] + " | " + (openscJpki[0] + openscJpki[1]) + " |");
            report.AppendLine("| OpenSC 0.23, default driver list (probes other drivers first) | " + openscDefault[0] + " | " + openscDefault[1] + " | "
                + (openscDefault[0] + openscDefault[1]) + " |");
            report.AppendLine();
            report.AppendLine("The core selects the JPKI AP once, reads the certificate with full 256-byte READ BINARYs sized from the DER header of the first one (no 4-byte length probe), queries only the auth PIN, and reuses the selected PIN EF for VERIFY. OpenSC's PKCS#15 bind queries both PINs, and each tool run binds again.");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static int[] OpenSc(PcscdVpcd pcscd, string data, string? conf)
    {
        int read = Count(pcscd, () => Run(conf, "pkcs15-tool", "--reader", pcscd.ReaderName, "--read-certificate", "01"));
        string sig = data + ".sig";
        int sign = Count(pcscd, () => Run(conf, "pkcs11-tool", "--module", Module, "--slot-index", "0", "--login", "--pin", "1234", "--sign", "--id", "01",
            "-m", "SHA256-RSA-PKCS", "-i", data, "-o", sig));
        return new[] { read, sign };
    }

    private static int Count(PcscdVpcd pcscd, Action work)
    {
        var card = VirtualMyNumberCard.ForProfile("tanaka-hanako");
        using var client = new VpcdClient(card);
        client.Connect("127.0.0.1", pcscd.Port, TimeSpan.FromSeconds(10));
        var thread = new Thread(() => client.Run()) { IsBackground = true };
        thread.Start();
        Require(pcscd.WaitForCard(true, TimeSpan.FromSeconds(10)), "pcscd sees the card");
        int before = client.ApdusAnswered;
        work();
        int count = client.ApdusAnswered - before;
        client.Dispose();
        thread.Join(2000);
        pcscd.WaitForCard(false, TimeSpan.FromSeconds(10));
        return count;
    }

    private static void Run(string? conf, string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (conf is not null)
        {
            psi.Environment["OPENSC_CONF"] = conf;
        }

        using Process p = Process.Start(psi)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            throw new TimeoutException(tool + " hung");
        }

        Require(p.ExitCode == 0, tool + " failed: " + output.Result + error.Result);
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException(what);
        }
    }
}
