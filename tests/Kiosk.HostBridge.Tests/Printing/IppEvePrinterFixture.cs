using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>One private D-Bus for all real-printer tests; each test starts its own ippeveprinter on its own port.</summary>
public sealed class IppEvePrinterFixture : IDisposable
{
    public DbusSession Bus { get; } = DbusSession.Start();

    public string ScriptDir { get; } = Directory.CreateTempSubdirectory("kiosk-ipp-cmd-").FullName;

    public void Dispose()
    {
        Bus.Dispose();
        Directory.Delete(ScriptDir, true);
    }
}

[CollectionDefinition(Name)]
public sealed class IppEvePrinterCollection : ICollectionFixture<IppEvePrinterFixture>
{
    public const string Name = "ippeveprinter";
}
