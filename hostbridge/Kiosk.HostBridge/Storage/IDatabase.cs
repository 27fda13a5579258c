using System.Data.Common;

namespace Kiosk.HostBridge.Storage;

/// <summary>The relational engine behind the bridge (SQLite by default, PostgreSQL to scale out); hides the few dialect differences.</summary>
public interface IDatabase
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Provider { get; }

    /// <summary>Opens a new pooled connection.</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Starts a write transaction that serialises with other writers on the rows it then locks.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>The row-lock suffix for a SELECT inside a write transaction (empty where the whole database is locked).</summary>
    string ForUpdate { get; }

    /// <summary>True when the exception is a unique-constraint violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>True when the exception is a transient write conflict worth retrying (serialisation failure, busy database).</summary>
    bool IsTransient(Exception exception);
}
