#if HAS_CARD_EMULATOR && HAS_JPKI_PKI
using System.Collections.Concurrent;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The PN532 emulator on an in-memory UART with the virtual My Number Cards of the test residents.
/// Each resident has one card for the whole run, so PIN tries spent (or a lock) stay with that card, as with a real one.</summary>
internal sealed class VirtualCardSlot : ICardSlot, IDisposable
{
    private readonly InMemoryLink _link = new();
    private readonly Pn532Host _host;
    private readonly JpkiTestPki _pki;
    private readonly ConcurrentDictionary<string, VirtualMyNumberCard> _cards = new();
    private readonly object _gate = new();
    private string? _present;

    public VirtualCardSlot(JpkiTestPki pki)
    {
        _pki = pki;
        _host = new Pn532Host(_link.DeviceEnd);
        Residents = pki.Profiles.Residents
            .Select(p => new ResidentChoice(p.Id, p.Name.Length > 0 ? p.Name + " (" + p.Id + ")" : p.Id, p.IsMyNumberCard ? p.AuthPin : null, p.Description))
            .ToArray();
    }

    /// <summary>The reader's UART as the board's PN532 driver sees it.</summary>
    public IByteStream ReaderLink => _link.HostEnd;

    /// <inheritdoc />
    public IReadOnlyList<ResidentChoice> Residents { get; }

    /// <inheritdoc />
    public string? PresentId { get { lock (_gate) return _present; } }

    /// <summary>Auth-PIN tries left on a resident's card, when it has been made.</summary>
    public int? TriesLeft(string residentId) => _cards.TryGetValue(residentId, out var c) ? c.AuthPinTriesLeft : null;

    /// <inheritdoc />
    public void Tap(string residentId)
    {
        if (!_pki.Profiles.TryGet(residentId, out var profile))
            throw new ArgumentException("There is no test resident '" + residentId + "'.");
        var card = _cards.GetOrAdd(residentId, _ => VirtualMyNumberCard.Create(profile, _pki));
        lock (_gate)
        {
            if (_present != null) _host.Emulator.RemoveCard();
            card.Reset();
            _host.Emulator.PlaceCard(card);
            _present = residentId;
        }
    }

    /// <inheritdoc />
    public void Remove()
    {
        lock (_gate)
        {
            if (_present == null) throw new InvalidOperationException("There is no card on the reader.");
            _host.Emulator.RemoveCard();
            _present = null;
        }
    }

    /// <summary>Makes the cards ahead of time (their RSA keys take a moment), so the first tap is quick.</summary>
    public void Warm()
    {
        foreach (var p in _pki.Profiles.Residents)
            _cards.GetOrAdd(p.Id, _ => VirtualMyNumberCard.Create(p, _pki));
    }

    public void Dispose()
    {
        _link.Dispose();
        _host.Dispose();
    }
}
#endif
