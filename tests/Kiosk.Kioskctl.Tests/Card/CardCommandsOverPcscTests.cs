using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Vpcd;
using Kiosk.TestSupport;

namespace Kiosk.Kioskctl.Tests.Card;

/// <summary>One real pcscd with a vpcd reader pair for the class.</summary>
public sealed class KioskctlPcscdFixture : IDisposable
{
    public PcscdVpcd Pcscd { get; } = PcscdVpcd.Start();

    public void Dispose() => Pcscd.Dispose();
}

/// <summary>kioskctl card commands through PC/SC (pcscd + vpcd + the virtual card).</summary>
public sealed class CardCommandsOverPcscTests(KioskctlPcscdFixture fixture) : IClassFixture<KioskctlPcscdFixture>
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    private sealed class Inserted : IDisposable
    {
        private readonly VpcdClient _client;
        private readonly Thread _thread;
        private readonly PcscdVpcd _pcscd;

        public Inserted(PcscdVpcd pcscd, string profile)
        {
            _pcscd = pcscd;
            Card = VirtualMyNumberCard.ForProfile(profile);
            _client = new VpcdClient(Card);
            _client.Connect("127.0.0.1", pcscd.Port, TimeSpan.FromSeconds(10));
            _thread = new Thread(() => _client.Run()) { IsBackground = true };
            _thread.Start();
            Assert.True(pcscd.WaitForCard(true, TimeSpan.FromSeconds(10)));
        }

        public VirtualMyNumberCard Card { get; }

        public void Dispose()
        {
            _client.Dispose();
            _thread.Join(2000);
            _pcscd.WaitForCard(false, TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Card_info_over_PCSC_with_and_without_a_reader_name()
    {
        using var inserted = new Inserted(fixture.Pcscd, "smith-emily");
        var named = Kioskctl.Invoke(string.Empty, "card", "info", "--pcsc", fixture.Pcscd.ReaderName);
        Assert.True(named.Exit == 0, named.Error);
        Assert.Contains("reader:      PC/SC \"" + fixture.Pcscd.ReaderName + "\"", named.Out);
        Assert.Contains("serial:      " + Pki.Resident("smith-emily").AuthCertificate.SerialNumber, named.Out);
        var first = Kioskctl.Invoke(string.Empty, "card", "info", "--pcsc");
        Assert.True(first.Exit == 0, first.Error);
        Assert.Contains("tries left:  3", first.Out);
    }

    [Fact]
    public void Sign_test_over_PCSC()
    {
        using var inserted = new Inserted(fixture.Pcscd, "ito-yui");
        var run = Kioskctl.Invoke("2468\n", "card", "sign-test", "--pcsc", fixture.Pcscd.ReaderName, "--pin-stdin");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("signature:   OK", run.Out);
    }

    [Fact]
    public void Empty_reader_and_unknown_reader()
    {
        var empty = Kioskctl.Invoke(string.Empty, "card", "info", "--pcsc", fixture.Pcscd.ReaderName);
        Assert.Equal(4, empty.Exit);
        Assert.Equal("kioskctl: no card on the reader" + Environment.NewLine, empty.Error);
        var unknown = Kioskctl.Invoke(string.Empty, "card", "info", "--pcsc", "Nonexistent Reader");
        Assert.Equal(3, unknown.Exit);
        Assert.Equal("kioskctl: no reader: no reader named \"Nonexistent Reader\"" + Environment.NewLine, unknown.Error);
    }
}
