using Kiosk.Firmware.Core.Card;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Benchmarks.CardStack;

/// <summary>Counts APDUs and their bytes, on air too, and sums the physical minimum of each exchange.</summary>
internal sealed class CountingTransport : ICardTransport
{
    private readonly ICardTransport _inner;
    private readonly Pn532Timing _timing;
    private TimeSpan _minimum;

    public CountingTransport(ICardTransport inner, Pn532Timing timing)
    {
        _inner = inner;
        _timing = timing;
    }

    public int Count { get; private set; }

    public long BytesOut { get; private set; }

    public long BytesIn { get; private set; }

    public long AirBytes { get; private set; }

    public void ResetMinimum() => _minimum = TimeSpan.Zero;

    public TimeSpan TakeMinimum()
    {
        TimeSpan m = _minimum;
        _minimum = TimeSpan.Zero;
        return m;
    }

    public TransportStatus Connect()
    {
        // REQB 3 + ATQB 12 + ATTRIB 9 + its answer 1, each with block framing.
        AirBytes += 3 + 12 + 9 + 1 + (4 * _timing.AirOverheadBytes);
        return _inner.Connect();
    }

    public bool IsPresent() => _inner.IsPresent();

    public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
    {
        TransportStatus status = _inner.Transceive(command, commandOffset, commandLength, response, responseOffset, responseCapacity, out responseLength);
        Count++;
        BytesOut += commandLength;
        BytesIn += responseLength;
        AirBytes += commandLength + responseLength + (2 * _timing.AirOverheadBytes);
        _minimum += PhysicalMinimum.Exchange(_timing, commandLength, responseLength, PhysicalMinimum.OperationOf(command, commandOffset, commandLength));
        return status;
    }

    public void Release() => _inner.Release();
}
