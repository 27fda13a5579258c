using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>The core's PN532 driver and JPKI client wired in memory to the PN532 emulator, with a card in the field.</summary>
internal sealed class EmulatedReader : IDisposable
{
    private readonly InMemoryLink _link = new();
    private readonly Pn532Host _host;

    public EmulatedReader(string? profileId = "tanaka-hanako", Pn532Timeouts? timeouts = null)
    {
        _host = new Pn532Host(_link.DeviceEnd);
        Line = new FaultingStream(_link.HostEnd, this);
        Device = new Pn532(Line, new StopwatchClock(), timeouts ?? new Pn532Timeouts());
        Transport = new Pn532CardTransport(Device);
        Card = new JpkiCard(Transport);
        if (profileId is not null)
        {
            VirtualCard = VirtualMyNumberCard.ForProfile(profileId);
            Emulator.PlaceCard(VirtualCard);
        }
    }

    public Pn532Emulator Emulator => _host.Emulator;

    public VirtualMyNumberCard? VirtualCard { get; }

    public FaultingStream Line { get; }

    public Pn532 Device { get; }

    public Pn532CardTransport Transport { get; }

    public JpkiCard Card { get; }

    public void Dispose()
    {
        _link.Dispose();
        _host.Dispose();
    }

    /// <summary>The host end of the line; can queue an emulator fault right before a chosen APDU goes out.</summary>
    internal sealed class FaultingStream : IByteStream
    {
        private readonly IByteStream _inner;
        private readonly EmulatedReader _owner;
        private byte[]? _trigger;
        private Pn532Fault? _fault;

        public FaultingStream(IByteStream inner, EmulatedReader owner)
        {
            _inner = inner;
            _owner = owner;
        }

        /// <summary>Injects <paramref name="fault"/> just before the first frame carrying <paramref name="apduPrefix"/> (hex) reaches the emulator.</summary>
        public void FaultBefore(string apduPrefix, Pn532Fault fault)
        {
            _trigger = Hex.Bytes(apduPrefix);
            _fault = fault;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inner.Read(buffer, offset, count, timeoutMs);

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_trigger is not null && buffer.AsSpan(offset, count).IndexOf(_trigger) >= 0)
            {
                _owner.Emulator.InjectFault(_fault!);
                _trigger = null;
            }

            _inner.Write(buffer, offset, count);
        }

        public void DiscardInput() => _inner.DiscardInput();
    }
}
