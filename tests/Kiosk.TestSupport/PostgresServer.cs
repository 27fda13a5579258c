using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiosk.TestSupport;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the test run: initdb + pg_ctl in a temp folder on a free loopback port, trust auth,
/// stopped and deleted when the process exits. One server per test run (<see cref="Shared"/>), a fresh database per test class.
/// As root, initdb and the server run as the <c>postgres</c> user via runuser (initdb refuses root).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> SharedServer = new(() =>
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly string _root;
    private bool _stopped;
    private int _databaseCounter;

    /// <summary>The run's server, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>True when PostgreSQL binaries exist on this machine.</summary>
    public static bool Available => File.Exists(Path.Combine(FindBin(), "initdb"));

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Starts a new cluster (about one second); <paramref name="serverOptions"/> adds server settings ("-c name=value ...").</summary>
    public PostgresServer(string? serverOptions = null)
    {
        _bin = FindBin();
        RemoveStoppedClusters();
        _root = Path.Combine(Path.GetTempPath(), "kiosk-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        if (IsRoot()) Run("chown", "postgres:postgres " + _root, asPostgres: false);
        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), "-D " + _root + "/data -A trust -U postgres -E UTF8 --no-sync", asPostgres: true);
        Run(Path.Combine(_bin, "pg_ctl"),
            "-D " + _root + "/data -o \"-p " + Port + " -k " + _root + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" + ExtraOptions(serverOptions) + "\" -l "
            + _root + "/pg.log -w -t 30 start", asPostgres: true);
    }

    // The caller's settings, then KIOSK_PG_OPTIONS (for diagnosis from outside, e.g. "-c log_min_duration_statement=50").
    private static string ExtraOptions(string? serverOptions)
    {
        var extra = ((serverOptions ?? "") + " " + Environment.GetEnvironmentVariable("KIOSK_PG_OPTIONS")).Trim();
        return extra.Length == 0 ? "" : " " + extra.Replace("\"", "", StringComparison.Ordinal);
    }

    /// <summary>Creates a fresh, empty database and returns an Npgsql connection string for it.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = (new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) + "_"
            + Interlocked.Increment(ref _databaseCounter) + "_" + Guid.NewGuid().ToString("N")[..6]);
        Run(Path.Combine(_bin, "createdb"), "-h 127.0.0.1 -p " + Port + " -U postgres " + name, asPostgres: false);
        return "Host=127.0.0.1;Port=" + Port + ";Username=postgres;Database=" + name + ";Pooling=true;Maximum Pool Size=40";
    }

    /// <summary><c>pg_ctl restart -m immediate</c>: every backend dies at once, as in a crash, and the server replays its WAL on the way
    /// up; returns once it accepts connections again. Only for a cluster of a test's own, never <see cref="Shared"/>.</summary>
    public void RestartImmediately()
        => Run(Path.Combine(_bin, "pg_ctl"), "-D " + _root + "/data -m immediate -w -t 30 -l " + _root + "/pg.log restart", asPostgres: true);

    /// <summary>Stops the server and deletes its folder.</summary>
    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), "-D " + _root + "/data -m immediate -w -t 20 stop", asPostgres: true);
        }
        finally
        {
            for (var attempt = 0; attempt < 10 && Directory.Exists(_root); attempt++)
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The server may still be removing its files; try again shortly.
                    Thread.Sleep(100);
                }
            }
        }
    }

    /// <summary>
    /// Deletes clusters of earlier runs that are stopped (no postmaster.pid) but whose folder survived because the test host
    /// ended before its exit handler finished. Running clusters (another run in progress) are left alone.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "kiosk-pg-*"))
        {
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid"))) continue;
            if (Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-1)) continue; // may be starting right now
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's or in use: not ours to insist on.
            }
        }
    }

    private static string FindBin()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KIOSK_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        foreach (var version in new[] { "17", "16", "15" })
        {
            var dir = "/usr/lib/postgresql/" + version + "/bin";
            if (Directory.Exists(dir)) return dir;
        }
        return "/usr/lib/postgresql/15/bin";
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres && IsRoot()
            ? new ProcessStartInfo("runuser", "-u postgres -- " + file + " " + arguments)
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(Path.GetFileName(file) + " did not finish in 60 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(Path.GetFileName(file) + " failed (" + process.ExitCode + "): " + stderr.Result + stdout.Result);
    }
}
