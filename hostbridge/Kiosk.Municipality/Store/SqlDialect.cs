namespace Kiosk.Municipality.Store;

/// <summary>The few column types that differ between SQLite and PostgreSQL.</summary>
public sealed record SqlDialect(string Name, string Bool, string Blob, string Int64)
{
    public static readonly SqlDialect Sqlite = new("sqlite", "INTEGER", "BLOB", "INTEGER");
    public static readonly SqlDialect Postgres = new("postgres", "BOOLEAN", "BYTEA", "BIGINT");
}
