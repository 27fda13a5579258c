using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>One running municipality shared by a test class (each test sets the clock it needs).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public MunicipalityServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MunicipalityServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
