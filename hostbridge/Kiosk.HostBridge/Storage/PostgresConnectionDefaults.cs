using Npgsql;

namespace Kiosk.HostBridge.Storage;

/// <summary>Npgsql settings the bridge's data access wants, applied where the operator's connection string leaves them unset.</summary>
public static class PostgresConnectionDefaults
{
    /// <summary>Statements automatically prepared per connection (Npgsql's default is none).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Returns the connection string with the defaults filled in; settings the operator wrote win.</summary>
    public static string Apply(string connectionString)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var result = new NpgsqlConnectionStringBuilder(connectionString);
        // The bridge keeps no session state on a connection (no SET, temp tables, LISTEN or session-level advisory locks), so the
        // DISCARD ALL that Npgsql sends on every return to the pool is pure cost; it was the most frequent statement
        // under load, and it also throws away the prepared statements below.
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose")) result.NoResetOnClose = true;
        // The same few dozen statements run for every issuance; preparing them spares PostgreSQL a parse and plan each time.
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) result.MaxAutoPrepare = MaxAutoPrepare;
        return given.ConnectionString == result.ConnectionString ? connectionString : result.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (connectionString.Contains(key, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
