using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Vpcd;
using Kiosk.TestSupport;

namespace Kiosk.Firmware.Host.Tests.CardStack;

/// <summary>One real pcscd with a vpcd reader pair for a test class (PcscdVpcd serialises pcscd users machine-wide).</summary>
public sealed class PcscdFixture : IDisposable
{
    public PcscdVpcd Pcscd { get; } = PcscdVpcd.Start();

    public void Dispose() => Pcscd.Dispose();
}

/// <summary>A virtual My Number Card inserted into the vpcd reader until disposed.</summary>
internal sealed class InsertedCard : IDisposable
{
    private readonly VpcdClient _client;
    private readonly Thread _thread;
    private readonly PcscdVpcd _pcscd;
    private bool _removed;

    public InsertedCard(PcscdVpcd pcscd, string profileId)
    {
        _pcscd = pcscd;
        Card = VirtualMyNumberCard.ForProfile(profileId);
        _client = new VpcdClient(Card);
        _client.Connect("127.0.0.1", pcscd.Port, TimeSpan.FromSeconds(10));
        _thread = new Thread(() => _client.Run()) { IsBackground = true };
        _thread.Start();
        Assert.True(pcscd.WaitForCard(true, TimeSpan.FromSeconds(10)), "card not seen by pcscd: " + File.ReadAllText(pcscd.LogPath));
    }

    public VirtualMyNumberCard Card { get; }

    public int ApdusAnswered => _client.ApdusAnswered;

    /// <summary>Pulls the card out and waits until pcscd has seen it go.</summary>
    public void Remove()
    {
        if (_removed)
        {
            return;
        }

        _removed = true;
        _client.Dispose();
        _thread.Join(2000);
        Assert.True(_pcscd.WaitForCard(false, TimeSpan.FromSeconds(10)), "pcscd still shows the card");
    }

    public void Dispose() => Remove();
}
