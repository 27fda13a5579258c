using System.Diagnostics;
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.TestSupport;

namespace Kiosk.Firmware.Simulator.Tests.CommandLine;

/// <summary>The simulator as the README runs it: its own process, options, exit codes, and --scripted.</summary>
public class CommandLineTests
{
    private static string SimulatorDll()
    {
        // The test project references the simulator, so its build output sits beside ours.
        string dll = Path.Combine(AppContext.BaseDirectory, "Kiosk.Firmware.Simulator.dll");
        Assert.True(File.Exists(dll), dll);
        return dll;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(TimeSpan limit, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(SimulatorDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("simulator did not exit within " + limit + ": " + await stderr);
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var (code, output, _) = await RunAsync(TimeSpan.FromSeconds(30), "--help");
        Assert.Equal(0, code);
        foreach (var o in new[] { "--port", "--data", "--postgres", "--ipp", "--payment", "--scripted" }) Assert.Contains(o, output);
    }

    [Fact]
    public async Task Prints_the_front_panel_url_and_stops_on_SIGTERM()
    {
        string data = Directory.CreateTempSubdirectory("kiosk-sigterm-").FullName;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { SimulatorDll(), "--port", "0", "--data", data }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        _ = p.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (url == null && await p.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                if (line.StartsWith("Front panel: ", StringComparison.Ordinal)) url = line["Front panel: ".Length..];
            Assert.NotNull(url);
            using var http = new HttpClient();
            Assert.Contains("Kiosk simulator", await http.GetStringAsync(url));

            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await p.WaitForExitAsync(exit.Token);
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_bad_option_exits_2_with_the_reason()
    {
        var (code, _, err) = await RunAsync(TimeSpan.FromSeconds(30), "--port", "seventy");
        Assert.Equal(2, code);
        Assert.Contains("--port needs a number", err);
    }

    [Fact]
    public async Task Scripted_prints_the_pdf_of_a_whole_unattended_transaction()
    {
        string data = Directory.CreateTempSubdirectory("kiosk-scripted-").FullName;
        try
        {
            var (code, output, err) = await RunAsync(TimeSpan.FromSeconds(150), "--scripted", "tanaka-hanako", "--port", "0", "--data", data);
            if (BuildInfo.MissingParts.Count > 0)
            {
                // Until every part has landed: a clear failure naming what is missing, never a faked success.
                Assert.NotEqual(0, code);
                Assert.Contains("not yet available", err);
                Assert.Equal("", output.Trim());
                return;
            }
            Assert.True(code == 0, "exit " + code + ": " + err);
            string pdf = output.Trim();
            Assert.True(File.Exists(pdf), "printed path does not exist: " + pdf);
            Assert.StartsWith(Path.Combine(data, "printed"), pdf);
            byte[] bytes = await File.ReadAllBytesAsync(pdf);
            Assert.True(bytes.AsSpan().StartsWith("%PDF-"u8));
            Assert.Contains("田中", Flows.PdfText.Of(bytes));
            Assert.Contains("-Printed-> TakeDocuments", err);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Scripted_fails_with_the_reason_for_a_locked_card()
    {
        if (BuildInfo.MissingParts.Count > 0) return; // covered by the test above until the parts land
        string data = Directory.CreateTempSubdirectory("kiosk-scripted-").FullName;
        try
        {
            var (code, output, err) = await RunAsync(TimeSpan.FromSeconds(150), "--scripted", "sato-kenji", "--port", "0", "--data", data);
            Assert.Equal(1, code);
            Assert.Equal("", output.Trim());
            Assert.Contains("scripted run failed: the card is locked", err);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Scripted_at_night_in_Japan_tells_the_service_hours_and_prints_nothing()
    {
        if (BuildInfo.MissingParts.Count > 0) return;
        string data = Directory.CreateTempSubdirectory("kiosk-scripted-").FullName;
        try
        {
            var (code, output, err) = await RunAsync(TimeSpan.FromSeconds(150), "--scripted", "tanaka-hanako", "--port", "0", "--data", data,
                "--municipality-clock", "2026-11-24T02:00:00+09:00");
            Assert.Equal(1, code);
            Assert.Equal("", output.Trim());
            Assert.Contains("Hours: 6:30–23:00. [problem.outside-hours]", err);
            Assert.DoesNotContain("-Printed->", err);
            string printed = Path.Combine(data, "printed");
            Assert.Empty(Directory.Exists(printed) ? Directory.GetFiles(printed, "*", SearchOption.AllDirectories) : []);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Scripted_names_an_unknown_resident()
    {
        if (BuildInfo.MissingParts.Count > 0) return;
        string data = Directory.CreateTempSubdirectory("kiosk-scripted-").FullName;
        try
        {
            var (code, _, err) = await RunAsync(TimeSpan.FromSeconds(150), "--scripted", "nobody", "--port", "0", "--data", data);
            Assert.Equal(1, code);
            Assert.Contains("there is no test resident 'nobody'; known: tanaka-hanako", err);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }
}
