using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Tests.Board;

public class OptionsTests
{
    [Fact]
    public void Defaults_are_embedded()
    {
        var o = SimulatorOptions.Parse([]);
        Assert.Equal(5080, o.Port);
        Assert.Null(o.PostgresConnectionString);
        Assert.Null(o.IppPrinterUrl);
        Assert.Equal("register", o.Payment);
        Assert.EndsWith(".kiosk", o.DataDirectory);
        Assert.True(Path.IsPathRooted(o.DataDirectory));
        Assert.Equal("noon", o.MunicipalityClock);
    }

    [Theory]
    [InlineData("noon")]
    [InlineData("real")]
    [InlineData("2026-11-24T02:00:00+09:00")]
    public void The_municipality_clock_is_noon_real_or_an_instant(string clock)
        => Assert.Equal(clock, SimulatorOptions.Parse(["--municipality-clock", clock]).MunicipalityClock);

    [Fact]
    public void Every_option_is_read()
    {
        var o = SimulatorOptions.Parse(["--port", "0", "--data", "/tmp/k", "--postgres", "Host=x", "--ipp", "ipp://127.0.0.1:8631/ipp/print", "--payment", "free", "--scripted", "r1"]);
        Assert.Equal(0, o.Port);
        Assert.Equal("/tmp/k", o.DataDirectory);
        Assert.Equal("Host=x", o.PostgresConnectionString);
        Assert.Equal("ipp://127.0.0.1:8631/ipp/print", o.IppPrinterUrl);
        Assert.Equal("free", o.Payment);
        Assert.Equal("r1", o.ScriptedResident);
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--port", "70000")]
    [InlineData("--ipp", "not a url")]
    [InlineData("--payment", "card")]
    [InlineData("--municipality-clock", "midnight")]
    [InlineData("--bogus", "1")]
    public void Bad_options_say_what_is_wrong(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse([name, value]));
        Assert.Contains(name == "--bogus" ? "Unknown option" : name, e.Message);
    }

    [Fact]
    public void A_missing_value_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(["--scripted"]));
        Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(["--data", "--port", "1"]));
    }
}
