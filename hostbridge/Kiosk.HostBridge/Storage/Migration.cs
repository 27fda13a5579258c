namespace Kiosk.HostBridge.Storage;

/// <summary>One schema step: a version and the SQL for each engine (most statements are the same on both).</summary>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres);
