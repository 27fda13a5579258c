using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.TestSupport;

/// <summary>
/// The host bridge as a REAL child process (<c>dotnet Kiosk.HostBridge.dll run --Key=value ...</c>) on fixed loopback ports,
/// so a test can SIGKILL it at any instant and start it again on the same ports, database and data folder.
/// </summary>
public sealed class BridgeProcess : IDisposable
{
    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly StringBuilder log = new();
    private Process? process;

    /// <summary>A bridge that will run with these settings (keys as in configuration, e.g. "Bridge:Database:Provider").</summary>
    /// <remarks>Bridge:Listen:KioskPort, Bridge:Listen:OpsPort and (unless given) Fleet:Port are chosen here (free ports kept across restarts).</remarks>
    public BridgeProcess(IDictionary<string, string> settings, string? dllPath = null)
    {
        dll = dllPath ?? FindBridgeDll();
        KioskPort = FreePort();
        OpsPort = FreePort();
        var all = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["Bridge:Listen:Address"] = "127.0.0.1",
            ["Bridge:Listen:KioskPort"] = KioskPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bridge:Listen:OpsPort"] = OpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // The deployed appsettings.json next to the dll puts the fleet listener on 8444: every bridge on the machine (another test
        // run, a kiosk-load run) would want that one port, and the second to start exits with "address already in use".
        all.TryAdd("Fleet:Port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        this.settings = all;
    }

    /// <summary>The mutual-TLS port of the terminals.</summary>
    public int KioskPort { get; }

    /// <summary>The plain port of /healthz, /readyz, /metrics and the store POS endpoints.</summary>
    public int OpsPort { get; }

    /// <summary>https://127.0.0.1:KioskPort/</summary>
    public Uri KioskUri => new("https://127.0.0.1:" + KioskPort + "/");

    /// <summary>http://127.0.0.1:OpsPort/</summary>
    public Uri OpsUri => new("http://127.0.0.1:" + OpsPort + "/");

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>How many times it was killed with SIGKILL.</summary>
    public int Kills { get; private set; }

    /// <summary>The running child's process id (null when not running), e.g. to read its CPU time from /proc.</summary>
    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>Everything the bridge wrote to stdout and stderr over all its runs (last 2 MB).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts the bridge and waits until /readyz answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning) throw new InvalidOperationException("The bridge is already running.");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("run");
        foreach (var (k, v) in settings) psi.ArgumentList.Add("--" + k + "=" + v);
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        Starts++;
        Append("---- start " + Starts + " pid " + p.Id + " ----");
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        process = p;
        await WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no graceful stop (as a power cut or OOM kill).</summary>
    public void Kill()
    {
        var p = process ?? throw new InvalidOperationException("The bridge is not running.");
        if (!p.HasExited)
        {
            // Process.Kill on Unix sends SIGKILL to this one process.
            p.Kill(entireProcessTree: false);
            Kills++;
        }
        p.WaitForExit(10_000);
        Append("---- killed pid " + p.Id + " ----");
        p.Dispose();
        process = null;
    }

    /// <summary>Kills (if running) and starts again on the same ports and data.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning) Kill();
        await StartAsync();
    }

    /// <summary>Runs another bridge command (e.g. verify-audit) with the same settings; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(string command, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add(command);
        foreach (var (k, v) in settings)
        {
            // A second process on the same ports would not start; the command does not listen, but keep it off them anyway.
            if (k.StartsWith("Bridge:Listen:", StringComparison.Ordinal) && k.EndsWith("Port", StringComparison.Ordinal)) continue;
            psi.ArgumentList.Add("--" + k + "=" + v);
        }
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("bridge " + command + " did not finish");
        }
        return (p.ExitCode, await stdout + await stderr);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        // Longer than the bridge's own 2 s printer probe in /readyz: a poll that gave up at 2 s aborted the probe with it, so on a
        // loaded machine, where the printer answers slowly, every poll started the probe again and none ever saw it finish.
        using var http = new HttpClient { BaseAddress = OpsUri, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < until)
        {
            if (process is null || process.HasExited)
                throw new InvalidOperationException("The bridge exited during start-up:\n" + Tail(4000));
            try
            {
                using var r = await http.GetAsync("readyz");
                if (r.StatusCode == HttpStatusCode.OK) return;
                last = (int)r.StatusCode + " " + await r.Content.ReadAsStringAsync();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or slower than the poll.
                last = e.GetType().Name + ": " + e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The bridge did not become ready within " + timeout.TotalSeconds + " s (last /readyz: " + last + "):\n" + Tail(4000));
    }

    /// <summary>The last characters of the log.</summary>
    public string Tail(int chars)
    {
        var all = Log;
        return all.Length <= chars ? all : all[^chars..];
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log)
        {
            log.AppendLine(line);
            if (log.Length > 2_000_000) log.Remove(0, log.Length - 1_000_000);
        }
    }

    /// <summary>The built bridge next to the test run: hostbridge/Kiosk.HostBridge/bin/&lt;configuration&gt;/&lt;tfm&gt;/Kiosk.HostBridge.dll,
    /// or the copy in the test's own output folder.</summary>
    public static string FindBridgeDll()
    {
        var baseDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(baseDir);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDir)!);
        var root = RepoRoot();
        var candidate = Path.Combine(root, "hostbridge", "Kiosk.HostBridge", "bin", configuration, tfm, "Kiosk.HostBridge.dll");
        if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json"))) return candidate;
        candidate = Path.Combine(AppContext.BaseDirectory, "Kiosk.HostBridge.dll");
        if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json"))) return candidate;
        throw new FileNotFoundException("Kiosk.HostBridge.dll not built; run dotnet build hostbridge/Kiosk.HostBridge first.");
    }

    /// <summary>The folder holding Kiosk.sln.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the bridge if it still runs (tests end with it stopped).</summary>
    public void Dispose()
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        process = null;
    }
}
