using Kiosk.Load.Terminals;
using Kiosk.TestSupport;
using Npgsql;

namespace Kiosk.EndToEnd.Tests.Load;

/// <summary>The /proc readings the load command and the floor benchmark split PostgreSQL's CPU with (values only, never timing).</summary>
public sealed class ProcCpuTests
{
    [Fact]
    public async Task A_PostgreSQL_cluster_splits_its_CPU_by_database_and_the_split_adds_up_to_the_cluster()
    {
        Assert.True(PostgresServer.Available, "PostgreSQL's initdb is not installed (scripts/install-deps.sh installs it).");
        using var server = new PostgresServer();
        var connectionString = server.CreateDatabase("proccpu");
        string database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Work for well over one 10 ms tick in this connection's backend, which stays alive (and so is read by database).
        await using (var work = new NpgsqlCommand("SELECT sum(i) FROM generate_series(1, 3000000) AS i", connection))
            await work.ExecuteScalarAsync();

        var split = ProcCpu.PostgresClusterByDatabaseMs(server.Port);
        var whole = ProcCpu.PostgresClusterMs(server.Port);

        Assert.NotNull(split);
        Assert.True(split!.GetValueOrDefault(database) > 0, "no CPU read for database " + database + ": " + string.Join(", ", split.Select(p => p.Key + "=" + p.Value)));
        Assert.True(split.ContainsKey(""), "the postmaster and background workers have no part");
        Assert.All(split.Values, ms => Assert.True(ms >= 0));
        Assert.NotNull(whole);
        Assert.True(whole >= split.Values.Sum(), "the cluster read after the split has less CPU than the split");
        Assert.Null(ProcCpu.PostgresClusterByDatabaseMs(1));
    }
}
