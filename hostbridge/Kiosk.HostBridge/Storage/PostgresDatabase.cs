using System.Data.Common;
using Npgsql;

namespace Kiosk.HostBridge.Storage;

/// <summary>PostgreSQL: the shared engine when several bridge instances run; READ COMMITTED plus explicit row locks.</summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the database over an Npgsql connection string.</summary>
    public PostgresDatabase(string connectionString) => _dataSource = NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(connectionString));

    // Row classes use PascalCase for snake_case columns; set here so every user of the database gets the mapping.
    static PostgresDatabase() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <inheritdoc />
    public string Provider => "postgres";

    /// <inheritdoc />
    public string ForUpdate => " FOR UPDATE";

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    /// <inheritdoc />
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        => await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);

    /// <inheritdoc />
    public bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    public bool IsTransient(Exception exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
