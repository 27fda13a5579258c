using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Firmware.Simulator.Wiring;

namespace Kiosk.Firmware.Simulator.Tests.Fleet;

/// <summary>The simulator's bundle options and bundle reading fail with a message that names the problem.</summary>
public sealed class BundleOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiosk-bundle-opts-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Bundle_options_are_read()
    {
        var o = SimulatorOptions.Parse(["--bridge-bundle", _dir, "--heartbeat-seconds", "2", "--renew-check-seconds", "60"]);
        Assert.Equal(Path.GetFullPath(_dir), o.BridgeBundle);
        Assert.Equal(2, o.HeartbeatSeconds);
        Assert.Equal(60, o.RenewCheckSeconds);
    }

    [Theory]
    [InlineData("--bridge-bundle", "/nonexistent/bundle")]
    [InlineData("--heartbeat-seconds", "0")]
    [InlineData("--renew-check-seconds", "x")]
    public void Bad_bundle_options_say_what_is_wrong(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse([name, value]));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void An_incomplete_bundle_names_the_missing_file()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DeviceBundle.Load(_dir));
        Assert.Contains("device-config.json", e.Message);
        File.WriteAllText(Path.Combine(_dir, "device-config.json"), "{\"deviceId\":\"kiosk-1\",\"storeId\":\"s\",\"bridgeUrl\":\"http://plain:80\"}");
        e = Assert.Throws<InvalidOperationException>(() => DeviceBundle.Load(_dir));
        Assert.Contains("https://", e.Message);
        File.WriteAllText(Path.Combine(_dir, "device-config.json"), "{not json");
        e = Assert.Throws<InvalidOperationException>(() => DeviceBundle.Load(_dir));
        Assert.Contains("cannot be read", e.Message);
    }
}
