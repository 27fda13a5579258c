using System.Globalization;
using System.Text;
using Npgsql;

namespace Kiosk.Load.Harness;

/// <summary>Statements each database ran during the terminal phase, from pg_stat_statements (<c>--pg-stats</c>): the round trips
/// behind PostgreSQL's CPU share, per printed issuance.</summary>
public sealed class PgStatements
{
    /// <summary>Server settings that load the extension when the run starts its own PostgreSQL.</summary>
    public const string ServerOptions = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.max=2000";

    private PgStatements(IReadOnlyList<Row> rows) => Rows = rows;

    /// <summary>One statement's calls in one database.</summary>
    public sealed record Row(string Database, long Calls, double TotalMs, string Query);

    /// <summary>Every statement counted since <see cref="ResetAsync"/>.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Creates the extension and zeroes its counters (call right before the terminals start).</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", c)) await create.ExecuteNonQueryAsync();
        await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", c);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>Reads the counters of every database of the cluster (the view is cluster-wide).</summary>
    public static async Task<PgStatements> ReadAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT d.datname, s.calls, s.total_exec_time, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE s.query NOT LIKE '%pg_stat_statements%'
            """, c);
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3)));
        return new PgStatements(rows);
    }

    /// <summary>Markdown: statements per printed issuance by database, then the most frequent ones.</summary>
    public string ToMarkdown(int printed, string bridgeDatabase, string? municipalDatabase)
    {
        var inv = CultureInfo.InvariantCulture;
        string Per(long calls) => printed > 0 ? ((double)calls / printed).ToString("F1", inv) : "–";
        string Name(string db) => db == bridgeDatabase ? "bridge" : db == municipalDatabase ? "municipality" : db;
        var sb = new StringBuilder();
        sb.AppendLine("| database | statements | per printed issuance | transactions (COMMIT) per issuance |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var g in Rows.GroupBy(r => r.Database).OrderByDescending(g => g.Sum(r => r.Calls)))
        {
            var commits = g.Where(r => r.Query.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)).Sum(r => r.Calls);
            sb.AppendLine("| " + Name(g.Key) + " | " + g.Sum(r => r.Calls).ToString(inv) + " | " + Per(g.Sum(r => r.Calls)) + " | " + Per(commits) + " |");
        }
        sb.AppendLine();
        sb.AppendLine("| database | statement | per issuance | mean ms |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var r in Rows.OrderByDescending(r => r.Calls).Take(15))
        {
            var text = string.Join(' ', r.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 110) text = text[..110] + "…";
            sb.AppendLine("| " + Name(r.Database) + " | `" + text.Replace("|", "\\|", StringComparison.Ordinal) + "` | " + Per(r.Calls) + " | "
                + (r.Calls > 0 ? (r.TotalMs / r.Calls).ToString("F3", inv) : "–") + " |");
        }
        return sb.ToString();
    }
}
