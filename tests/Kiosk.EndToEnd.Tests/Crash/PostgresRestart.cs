using System.Diagnostics;
using Npgsql;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary><c>pg_ctl restart -m immediate</c> on a running test cluster: every backend dies at once, as in a crash, and the
/// server replays its WAL on the way up. Only for a cluster of the test's own (never the run's shared one).</summary>
public static class PostgresRestart
{
    /// <summary>Restarts the cluster behind the connection string immediately and waits until it accepts connections.</summary>
    public static async Task ImmediateAsync(string connectionString)
    {
        string dataDir;
        await using (var c = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SHOW data_directory", c);
            dataDir = (string)(await cmd.ExecuteScalarAsync())!;
        }
        var log = Path.Combine(Path.GetDirectoryName(dataDir)!, "pg.log");
        var pgCtl = Path.Combine(Bin(), "pg_ctl");
        var args = "-D " + dataDir + " -m immediate -w -t 30 -l " + log + " restart";
        var psi = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", "-u postgres -- " + pgCtl + " " + args)
            : new ProcessStartInfo(pgCtl, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("pg_ctl restart did not finish");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException("pg_ctl restart failed: " + await output + await error);
        NpgsqlConnection.ClearAllPools();
    }

    private static string Bin()
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
}
