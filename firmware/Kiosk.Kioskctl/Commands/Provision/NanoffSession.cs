using System.Text.Json;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>
/// Runs a unit's nanoff plan and proves it: stops at the first failed step with the command to resume from, then reads the
/// device's versions back and compares them with what was flashed (nanoff has reported success on units that kept old firmware).
/// </summary>
public sealed class NanoffSession(CommandContext context, NanoffRunner runner, BundleFolder bundle)
{
    /// <summary>Runs the plan; returns the process exit code.</summary>
    public int Run(NanoffPlan plan, string firmwareVersion, string appVersion, string appAssembly)
    {
        foreach (var result in runner.RunAll(plan.Steps))
        {
            if (result.Ok) continue;
            var remaining = plan.Steps.SkipWhile(s => s != result.Step).Select(s => "  " + s.CommandLine);
            return context.Fail(ExitCode.NanoffFailed, "nanoff failed to " + result.Step.Title + " ("
                + (result.Problem ?? "exit code " + result.ExitCode) + "). Nothing after it ran. The bundle in " + bundle.Path
                + " is complete and the token is spent: fix the cause (cable, port, BOOT button) and run from this step:"
                + Environment.NewLine + string.Join(Environment.NewLine, remaining));
        }
        foreach (var manual in plan.ManualSteps) context.Error.WriteLine("kioskctl: still to do by hand: " + manual);

        var readBack = runner.Run(plan.ReadBack);
        if (!readBack.Ok)
        {
            return context.Fail(ExitCode.NanoffFailed, "the unit was flashed but its versions could not be read back ("
                + (readBack.Problem ?? "exit code " + readBack.ExitCode) + "); run " + plan.ReadBack.CommandLine + " and compare by hand");
        }
        var details = DeviceDetails.Parse(readBack.Output, appAssembly);
        var firmwareOk = DeviceDetails.SameVersion(firmwareVersion, details.FirmwareVersion);
        var appOk = DeviceDetails.SameVersion(appVersion, details.AppVersion);
        context.Out.WriteLine();
        context.Out.WriteLine("Read back from the unit:");
        context.Out.WriteLine("  firmware (nanoCLR)  flashed " + firmwareVersion + ", unit reports " + (details.FirmwareVersion ?? "nothing") + (firmwareOk ? "  ok" : "  MISMATCH"));
        context.Out.WriteLine("  application " + appAssembly + "  deployed " + appVersion + ", unit reports " + (details.AppVersion ?? "nothing") + (appOk ? "  ok" : "  MISMATCH"));
        bundle.Write("readback.json", JsonSerializer.Serialize(new
        {
            at = DateTimeOffset.UtcNow,
            flashed = new { firmware = firmwareVersion, app = appVersion, appAssembly },
            reported = new { firmware = details.FirmwareVersion, app = details.AppVersion, target = details.TargetName },
            ok = firmwareOk && appOk,
        }, new JsonSerializerOptions { WriteIndented = true }));
        if (!firmwareOk || !appOk)
        {
            return context.Fail(ExitCode.VersionMismatch, "the unit does not run what was flashed: do not install it. Flash again with --masserase; "
                + "after two failures swap the unit (see docs/firmware.md, Read back).");
        }
        context.Out.WriteLine("The unit runs what was flashed. Its first heartbeat shows the same versions in the fleet console.");
        return ExitCode.Ok;
    }
}
