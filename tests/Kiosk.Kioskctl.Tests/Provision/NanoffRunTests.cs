using Kiosk.Kioskctl.Cli;
using Kiosk.Kioskctl.Commands.Provision;
using Kiosk.TestSupport;

namespace Kiosk.Kioskctl.Tests.Provision;

/// <summary>The nanoff run and read-back of <c>kioskctl provision</c>, against a stand-in nanoff (the real one is not installable here).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NanoffRunTests : IDisposable
{
    private readonly StandInNanoff _nanoff = new();
    private readonly string _bundleDir = Path.Combine(Path.GetTempPath(), "kioskctl-nanoff-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _nanoff.Dispose();
        if (Directory.Exists(_bundleDir)) Directory.Delete(_bundleDir, recursive: true);
    }

    private static NanoffPlan Plan(NanoffCli cli) =>
        NanoffPlan.Build(cli, "/dev/ttyUSB0", "ESP32_PSRAM_REV3", "1.12.0.53", false, "/b/network-deployment.json", "/b/file-deployment.json", "/b/app.bin");

    private (int Code, string Out, string Err) Run(NanoffPlan plan, string firmware = "1.12.0.53", string app = "0.1.0.0")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, new MemoryStream(), new NoPrompt());
        var bundle = BundleFolder.Create(_bundleDir)!;
        var code = new NanoffSession(context, new NanoffRunner(_nanoff.Executable, output, error, TimeSpan.FromSeconds(30)), bundle)
            .Run(plan, firmware, app, ProvisionCommand.DefaultAppAssembly);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Runs_flash_network_files_application_then_reads_back_with_the_exact_arguments()
    {
        var (code, output, error) = Run(Plan(NanoffCli.Verbs));
        Assert.True(code == ExitCode.Ok, error);
        Assert.Equal(
        [
            "flash target ESP32_PSRAM_REV3 serialport /dev/ttyUSB0 fwversion 1.12.0.53",
            "deploy network /b/network-deployment.json serialport /dev/ttyUSB0",
            "deploy file /b/file-deployment.json serialport /dev/ttyUSB0",
            "deploy target ESP32_PSRAM_REV3 serialport /dev/ttyUSB0 image /b/app.bin",
            "details serialport /dev/ttyUSB0",
        ], _nanoff.Calls);
        Assert.Contains("    | Updating to 1.12.0.53", output); // nanoff's own output is streamed through
        Assert.Contains("unit reports 1.12.0.53  ok", output);
        Assert.Contains("unit reports 0.1.0.0  ok", output);
        Assert.Contains("\"ok\": true", File.ReadAllText(Path.Combine(_bundleDir, "readback.json")));
    }

    [Fact]
    public void Classic_cli_uses_the_dashed_options_and_names_the_network_step_it_cannot_run()
    {
        var plan = Plan(NanoffCli.Classic);
        var (code, _, error) = Run(plan);
        Assert.True(code == ExitCode.Ok, error);
        Assert.Equal(
        [
            "--target ESP32_PSRAM_REV3 --serialport /dev/ttyUSB0 --update --fwversion 1.12.0.53",
            "--serialport /dev/ttyUSB0 --filedeployment /b/file-deployment.json",
            "--target ESP32_PSRAM_REV3 --serialport /dev/ttyUSB0 --deploy --image /b/app.bin",
            "--nanodevice --serialport /dev/ttyUSB0 --devicedetails",
        ], _nanoff.Calls);
        Assert.Contains("still to do by hand: write Wi-Fi and certificates", error);
    }

    [Fact]
    public void A_failing_step_stops_the_run_and_says_where_to_resume()
    {
        _nanoff.Configure("1.12.0.53", "0.1.0.0", "deploy network");
        var (code, _, error) = Run(Plan(NanoffCli.Verbs));
        Assert.Equal(ExitCode.NanoffFailed, code);
        Assert.Equal(2, _nanoff.Calls.Count); // flash, then the failed network step; nothing after it
        Assert.Contains("nanoff failed to write Wi-Fi, the CA bundle and the device certificate (exit code 2)", error);
        Assert.Contains("E2001", error); // nanoff's own error line reaches the technician
        Assert.Contains("nanoff deploy network \"/b/network-deployment.json\" serialport /dev/ttyUSB0", error);
        Assert.False(File.Exists(Path.Combine(_bundleDir, "readback.json")));
    }

    [Fact]
    public void A_unit_that_kept_its_old_firmware_is_a_version_mismatch()
    {
        _nanoff.Configure("1.11.0.9", "0.1.0.0", null);
        var (code, output, error) = Run(Plan(NanoffCli.Verbs));
        Assert.Equal(ExitCode.VersionMismatch, code);
        Assert.Contains("flashed 1.12.0.53, unit reports 1.11.0.9  MISMATCH", output);
        Assert.Contains("do not install it", error);
        Assert.Contains("\"ok\": false", File.ReadAllText(Path.Combine(_bundleDir, "readback.json")));
    }

    [Fact]
    public void A_missing_application_is_a_version_mismatch_too()
    {
        var (code, output, _) = Run(Plan(NanoffCli.Verbs), app: "0.2.0");
        Assert.Equal(ExitCode.VersionMismatch, code);
        Assert.Contains("deployed 0.2.0, unit reports 0.1.0.0  MISMATCH", output);
    }

    [Fact]
    public void Device_details_are_parsed_and_versions_compare_with_missing_parts_as_zero()
    {
        var details = DeviceDetails.Parse("  Target:      ESP32_PSRAM_REV3\n  CLR Version: 1.12.0.53\n  Kiosk.Firmware.Esp32, 0.1.0.0\n", "Kiosk.Firmware.Esp32");
        Assert.Equal(("1.12.0.53", "0.1.0.0", "ESP32_PSRAM_REV3"), (details.FirmwareVersion, details.AppVersion, details.TargetName));
        Assert.True(DeviceDetails.SameVersion("0.1", "0.1.0.0"));
        Assert.False(DeviceDetails.SameVersion("0.1.0.1", "0.1.0.0"));
        Assert.Null(DeviceDetails.Parse("nanoff: no device found", "Kiosk.Firmware.Esp32").FirmwareVersion);
    }

    private sealed class NoPrompt : IPinPrompt
    {
        public int Read(string prompt, byte[] pin) => -1;
    }
}
