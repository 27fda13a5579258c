namespace Kiosk.Kioskctl.Tests.Card;

public class CommandLineTests
{
    [Fact]
    public void Help_lists_the_card_commands()
    {
        var run = Kioskctl.Invoke(string.Empty, "--help");
        Assert.Equal(0, run.Exit);
        Assert.Contains("card info", run.Out);
        Assert.Contains("card sign-test", run.Out);
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        Assert.Equal(2, Kioskctl.Invoke(string.Empty).Exit);
    }

    [Fact]
    public void An_unknown_command_is_one_line_and_exit_2()
    {
        var run = Kioskctl.Invoke(string.Empty, "card", "frobnicate");
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("kioskctl: unknown command \"card frobnicate\"", run.Error);
    }

    [Theory]
    [InlineData("card", "info")]
    [InlineData("card", "info", "--pn532", "/dev/null", "--pcsc")]
    [InlineData("card", "info", "--pn532")]
    [InlineData("card", "info", "--pcsc", "--bogus")]
    [InlineData("card", "sign-test", "--pn532", "x", "--baud", "fast")]
    public void Reader_options_are_checked(params string[] args)
    {
        var run = Kioskctl.Invoke(string.Empty, args);
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("kioskctl: ", run.Error);
        Assert.Contains("usage: kioskctl card", run.Error);
    }

    [Fact]
    public void A_missing_serial_device_is_no_reader()
    {
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", "/dev/does-not-exist-kiosk");
        Assert.Equal(3, run.Exit);
        Assert.Equal("kioskctl: no reader: cannot open /dev/does-not-exist-kiosk: No such file or directory" + Environment.NewLine, run.Error);
    }

    [Fact]
    public void A_closed_TCP_port_is_no_reader()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", "tcp:127.0.0.1:" + port);
        Assert.Equal(3, run.Exit);
        Assert.StartsWith("kioskctl: no reader: cannot connect to 127.0.0.1:" + port, run.Error);
    }

    [Fact]
    public void Something_silent_on_the_line_is_a_PN532_that_does_not_answer()
    {
        // /dev/null opens fine but never answers: the driver times out and says so in one line.
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", "/dev/null");
        Assert.Equal(3, run.Exit);
        Assert.Equal("kioskctl: no reader: the PN532 at /dev/null does not answer" + Environment.NewLine, run.Error);
    }
}
