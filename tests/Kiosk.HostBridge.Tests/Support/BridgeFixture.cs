using Kiosk.TestSupport;
namespace Kiosk.HostBridge.Tests.Support;

/// <summary>One SQLite-backed bridge shared by a test class (tests use their own sessions and cards' residents).</summary>
public sealed class BridgeFixture : IAsyncLifetime
{
    public TestPki Pki { get; } = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-bridge-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);

    /// <summary>The fixture's temp folder.</summary>
    public string Folder => _temp.Path;
    public BridgeInstance Bridge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bridge = await BridgeInstance.StartAsync(Pki, Folder, DatabaseChoice.SqliteIn(Folder), BridgeInstance.NewDeploymentKey());
        Bridge.Issuance.AddResident(Pki.Card, "resident-1");
        Bridge.Issuance.AddResident(Pki.SecondCard, "resident-2");
        Bridge.Issuance.AddResident(Pki.ExpiredCard, "resident-3");
        Bridge.Issuance.AddResident(Pki.RevokedCard, "resident-4");
        Bridge.Issuance.AddResident(Pki.RogueCard, "resident-5");
    }

    public async Task DisposeAsync()
    {
        var dump = Environment.GetEnvironmentVariable("KIOSK_TEST_LOG_DIR");
        if (!string.IsNullOrEmpty(dump)) File.WriteAllText(Path.Combine(dump, "bridge-" + Guid.NewGuid().ToString("N")[..6] + ".log"), Bridge.AllLogs);
        await Bridge.DisposeAsync();
        _temp.Dispose();
    }
}
