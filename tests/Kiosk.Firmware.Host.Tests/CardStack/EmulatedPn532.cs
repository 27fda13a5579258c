using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Firmware.Host.Tests.CardStack;

/// <summary>Runs the PN532 emulator on a stream (a pty end, a TCP connection) with the card placed before the first byte is read.</summary>
internal sealed class EmulatedPn532 : IDisposable
{
    private readonly Stream _stream;
    private readonly Thread _pump;
    private volatile bool _stopped;

    public EmulatedPn532(Stream stream, string? profileId)
    {
        _stream = stream;
        Emulator = new Pn532Emulator(Send);
        if (profileId is not null)
        {
            Card = VirtualMyNumberCard.ForProfile(profileId);
            Emulator.PlaceCard(Card);
        }

        _pump = new Thread(Pump) { IsBackground = true, Name = "emulated-pn532" };
        _pump.Start();
    }

    public Pn532Emulator Emulator { get; }

    public VirtualMyNumberCard? Card { get; }

    private void Pump()
    {
        byte[] buffer = new byte[1024];
        try
        {
            while (!_stopped)
            {
                int n = _stream.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    return;
                }

                Emulator.Receive(buffer.AsSpan(0, n));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private void Send(byte[] bytes)
    {
        try
        {
            _stream.Write(bytes, 0, bytes.Length);
            _stream.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _stream.Dispose();
        _pump.Join(2000);
    }
}
