using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kiosk.HostBridge.Storage;

/// <summary>SQLite in one file: zero set-up, one writer at a time (BEGIN IMMEDIATE), WAL so readers do not wait.</summary>
public sealed class SqliteDatabase : IDatabase
{
    private readonly string _connectionString;

    /// <summary>Creates the database over a connection string such as <c>Data Source=bridge.db</c>.</summary>
    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        _connectionString = builder.ToString();
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    // Row classes use PascalCase for snake_case columns; set here so every user of the database gets the mapping.
    static SqliteDatabase() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public string ForUpdate => "";

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <inheritdoc />
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        // Microsoft.Data.Sqlite starts BEGIN IMMEDIATE unless deferred: the write lock is taken up front, so no upgrade deadlocks.
        => await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);

    /// <inheritdoc />
    public bool IsUniqueViolation(Exception exception)
        => exception is SqliteException { SqliteErrorCode: 19 } s && (s.SqliteExtendedErrorCode == 2067 || s.SqliteExtendedErrorCode == 1555);

    /// <inheritdoc />
    public bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };
}
