using System.Diagnostics;
using Kiosk.TestSupport;
using Npgsql;

namespace Kiosk.HostBridge.Tests.PaymentsTests;

/// <summary>A throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder, own port), stopped and deleted afterwards.</summary>
public sealed class TempPostgres : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin/";
    private readonly string dir;

    public TempPostgres()
    {
        dir = Directory.CreateTempSubdirectory("kiosk-pg-").FullName;
        Port = IppEvePrinter.FreePort();
        // initdb refuses to run as root, so the cluster belongs to the postgres user when the tests run as root.
        Run("chown", "postgres", dir);
        AsPostgres(Bin + "initdb -D " + dir + "/data -A trust -U postgres --no-sync");
        AsPostgres(Bin + "pg_ctl -D " + dir + "/data -o '-p " + Port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off' -l " + dir + "/pg.log -w start");
        ConnectionString = "Host=127.0.0.1;Port=" + Port + ";Username=postgres;Database=postgres;Pooling=false";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh database, so tests do not see each other's rows.</summary>
    public string NewDatabase()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE DATABASE " + name;
        cmd.ExecuteNonQuery();
        return ConnectionString.Replace("Database=postgres", "Database=" + name, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            AsPostgres(Bin + "pg_ctl -D " + dir + "/data -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void AsPostgres(string command) => Run("su", "postgres", "-s", "/bin/sh", "-c", command);

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " " + string.Join(" ", args) + " failed: " + output + err.Result);
        }
    }
}
