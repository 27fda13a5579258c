using Kiosk.TestSupport;

namespace Kiosk.Hardware.Emulator.Tests.Conformance;

/// <summary>One pcscd + vpcd for all OpenSC conformance tests of a class.</summary>
public sealed class PcscdFixture : IDisposable
{
    public PcscdVpcd Pcscd { get; } = PcscdVpcd.Start();

    public void Dispose() => Pcscd.Dispose();
}
