using Kiosk.Hardware.Emulator.Card;

namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>
/// A PN532 NFC controller as seen over its host link (HSU frames). Bytes from the host go into <see cref="Receive"/>;
/// ACKs and responses leave through the send callback. One ISO 14443-4 Type B card can be placed in and removed from
/// the field at any time. Thread-safe. Behaviour and deviations from the chip: hardware/EMULATORS.md.
/// </summary>
public sealed class Pn532Emulator
{
    /// <summary>PN532 status: no error.</summary>
    public const byte StatusOk = 0x00;
    /// <summary>PN532 status: the target did not answer in time.</summary>
    public const byte StatusTimeout = 0x01;
    /// <summary>PN532 status bit: more information (response chaining).</summary>
    public const byte StatusMoreInformation = 0x40;
    /// <summary>PN532 status: command not acceptable in the current context (no such target).</summary>
    public const byte StatusWrongContext = 0x27;

    private readonly object _gate = new();
    private readonly Action<byte[]> _send;
    private readonly Pn532FrameParser _parser = new();
    private readonly Dictionary<ushort, byte> _registers = [];
    private readonly Queue<Pn532Fault> _faults = new();
    private readonly List<byte> _hostChain = [];
    private byte[] _pendingResponse = [];
    private byte[]? _lastResponseFrame;
    private PendingPoll? _pendingPoll;
    private ISmartCard? _card;
    private bool _active;
    private bool _halted;
    private bool _asleep;
    private byte _lastError;
    private long _modeledTicks;

    /// <summary>Creates a PN532 that writes its output bytes with <paramref name="send"/>.</summary>
    public Pn532Emulator(Action<byte[]> send, Pn532Timing? timing = null)
    {
        _send = send;
        Timing = timing ?? new Pn532Timing();
    }

    /// <summary>Timing model (UART, air, card time); change it before use.</summary>
    public Pn532Timing Timing { get; }
    /// <summary>Receives one line per frame and APDU when set (never PIN digits: VERIFY data is masked).</summary>
    public Action<string>? Log { get; set; }
    /// <summary>Largest R-APDU part returned per InDataExchange answer before chaining with the MI bit (252 fits a normal frame).</summary>
    public int MaxDataPerResponse { get; set; } = 252;
    /// <summary>Total modeled time of everything the emulator did.</summary>
    public TimeSpan ModeledTime => TimeSpan.FromTicks(Interlocked.Read(ref _modeledTicks));
    /// <summary>True while the RF field is on.</summary>
    public bool RfOn { get; private set; }
    /// <summary>True after PowerDown until a wake-up preamble (0x55) arrives.</summary>
    public bool Asleep { get { lock (_gate) return _asleep; } }
    /// <summary>The card in the field, if any.</summary>
    public ISmartCard? Card { get { lock (_gate) return _card; } }
    /// <summary>Number of frames dropped for bad checksums or lengths.</summary>
    public int CorruptFramesReceived { get; private set; }
    /// <summary>MaxRetries for passive activation (RFConfiguration item 05); 0xFF polls until a card comes.</summary>
    public byte MaxRetriesPassiveActivation { get; private set; } = 0xFF;

    /// <summary>Value of a register as the host last wrote it (0 when never written).</summary>
    public byte Register(ushort address) { lock (_gate) return _registers.GetValueOrDefault(address); }

    /// <summary>Puts a card in the field (replacing any other); completes a pending endless poll.</summary>
    public void PlaceCard(ISmartCard card)
    {
        lock (_gate)
        {
            _card = card;
            card.Reset();
            _active = false;
            _halted = false;
            Log?.Invoke("field: card placed (PUPI " + Convert.ToHexString(card.Pupi) + ")");
            if (_pendingPoll is { } poll)
            {
                _pendingPoll = null;
                Respond(poll.Command, poll.AutoPoll ? AutoPollFound(poll.TypeCode) : ListFound());
            }
        }
    }

    /// <summary>Takes the card out of the field; the next exchange with it times out.</summary>
    public void RemoveCard()
    {
        lock (_gate)
        {
            if (_card is not null) Log?.Invoke("field: card removed");
            _card = null;
            _halted = false;
        }
    }

    /// <summary>Queues a fault for the next matching command.</summary>
    public void InjectFault(Pn532Fault fault)
    {
        lock (_gate) _faults.Enqueue(fault);
    }

    /// <summary>Feeds bytes received from the host.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            foreach (var frame in _parser.Push(bytes))
            {
                if (_asleep)
                {
                    if (!_parser.TakeWakeUp())
                    {
                        Log?.Invoke("rx (asleep, no wake-up preamble: ignored) " + frame.Kind);
                        continue;
                    }
                    _asleep = false;
                }
                _parser.TakeWakeUp();
                Handle(frame);
            }
        }
    }

    private void Handle(Pn532ParsedFrame frame)
    {
        switch (frame.Kind)
        {
            case Pn532FrameKind.Ack:
                Log?.Invoke("rx ACK" + (_pendingPoll is null ? "" : " (aborts pending poll)"));
                _pendingPoll = null;
                return;
            case Pn532FrameKind.Nack:
                Log?.Invoke("rx NACK: resending last response");
                if (_lastResponseFrame is not null) Send(_lastResponseFrame);
                return;
            case Pn532FrameKind.Corrupt:
                CorruptFramesReceived++;
                Log?.Invoke("rx corrupt frame dropped (no ACK)");
                return;
        }
        var body = frame.Body;
        _pendingPoll = null;
        Log?.Invoke("rx " + (frame.Extended ? "ext " : "") + Describe(body));
        AddModeled(Timing.Uart(body.Length + 7) + Timing.Pn532CommandTime);
        if (TakeFault(Pn532FaultKind.NackInsteadOfAck) is not null)
        {
            Log?.Invoke("fault: NACK instead of ACK");
            Send(Pn532Frames.Nack);
            return;
        }
        Send(Pn532Frames.Ack);
        AddModeled(Timing.Uart(Pn532Frames.Ack.Length));
        if (TakeFault(Pn532FaultKind.LateAnswer) is { } late)
        {
            Log?.Invoke("fault: late answer after " + late.Delay.TotalMilliseconds + " ms");
            AddModeled(late.Delay);
            Monitor.Exit(_gate);
            try { Thread.Sleep(late.Delay); }
            finally { Monitor.Enter(_gate); }
        }
        if (body.Length < 2 || body[0] != Pn532Frames.HostToPn532)
        {
            SendError();
            return;
        }
        var data = body.AsSpan(2).ToArray();
        var command = body[1];
        byte[]? response = command switch
        {
            0x00 => Diagnose(data),
            0x02 => [0x32, 0x01, 0x06, 0x07],
            0x04 => GeneralStatus(),
            0x06 => ReadRegisters(data),
            0x08 => WriteRegisters(data),
            0x12 => data.Length == 1 ? [] : null,
            0x14 => data.Length is >= 1 and <= 3 && data[0] is >= 1 and <= 4 ? [] : null,
            0x16 => PowerDown(data),
            0x32 => RfConfiguration(data),
            0x4A => ListPassiveTarget(command, data),
            0x40 => DataExchange(data),
            0x42 => [StatusTimeout],
            0x44 => Deselect(data, release: false),
            0x52 => Deselect(data, release: true),
            0x54 => Select(data),
            0x50 => [StatusWrongContext],
            0x60 => AutoPoll(command, data),
            _ => null,
        };
        if (response is null) SendError();
        else if (response != Deferred) Respond(command, response);
    }

    private static readonly byte[] Deferred = [0xDE];

    private byte[]? Diagnose(byte[] data)
    {
        if (data.Length == 0) return null;
        return data[0] switch
        {
            0x00 => data,
            0x01 or 0x02 or 0x06 or 0x07 => [0x00],
            0x05 => [(byte)(_active && _card is not null ? 0x00 : 0x01)],
            _ => null,
        };
    }

    private byte[] GeneralStatus()
    {
        var r = new List<byte> { _lastError, (byte)(RfOn ? 1 : 0), (byte)(_active ? 1 : 0) };
        if (_active) r.AddRange([0x01, 0x00, 0x00, 0x03]);
        r.Add(0x00);
        return r.ToArray();
    }

    private byte[]? ReadRegisters(byte[] data)
    {
        if (data.Length == 0 || data.Length % 2 != 0) return null;
        var r = new byte[data.Length / 2];
        for (var i = 0; i < r.Length; i++) r[i] = _registers.GetValueOrDefault((ushort)(data[2 * i] << 8 | data[2 * i + 1]));
        return r;
    }

    private byte[]? WriteRegisters(byte[] data)
    {
        if (data.Length == 0 || data.Length % 3 != 0) return null;
        for (var i = 0; i < data.Length; i += 3) _registers[(ushort)(data[i] << 8 | data[i + 1])] = data[i + 2];
        return [];
    }

    private byte[]? PowerDown(byte[] data)
    {
        if (data.Length is < 1 or > 2) return null;
        Respond(0x16, [StatusOk]);
        SetField(false);
        _asleep = true;
        return Deferred;
    }

    private byte[]? RfConfiguration(byte[] data)
    {
        if (data.Length < 2) return null;
        switch (data[0])
        {
            case 0x01:
                SetField((data[1] & 0x01) != 0);
                break;
            case 0x05:
                if (data.Length != 4) return null;
                MaxRetriesPassiveActivation = data[3];
                break;
        }
        return [];
    }

    private void SetField(bool on)
    {
        if (RfOn == on) return;
        RfOn = on;
        if (!on)
        {
            // No field, no power: the card forgets its session and leaves HALT.
            _card?.Reset();
            _active = false;
            _halted = false;
            _pendingResponse = [];
        }
        Log?.Invoke("field: RF " + (on ? "on" : "off"));
    }

    private byte[]? ListPassiveTarget(byte command, byte[] data)
    {
        if (data.Length < 2 || data[0] is 0 or > 2) return null;
        SetField(true);
        var typeB = data[1] == 0x03;
        if (typeB && data.Length < 3) return null;
        if (typeB && _card is not null && !_halted) return ListFound();
        if (typeB && MaxRetriesPassiveActivation == 0xFF)
        {
            Log?.Invoke("poll: waiting for a Type B card (MaxRetries FF)");
            _pendingPoll = new PendingPoll(command, false, 0);
            return Deferred;
        }
        AddModeled(TimeSpan.FromMilliseconds(5) * (MaxRetriesPassiveActivation + 1));
        return [0x00];
    }

    private byte[] ListFound()
    {
        ActivateCard();
        return [0x01, .. TargetData()];
    }

    private void ActivateCard()
    {
        SetField(true);
        _card!.Reset();
        _active = true;
        _pendingResponse = [];
        _hostChain.Clear();
        // REQB/ATQB + ATTRIB/answer on air.
        AddModeled(Timing.Air(3) + Timing.Air(12) + Timing.Air(9) + Timing.Air(1));
    }

    private byte[] TargetData()
    {
        // Tg, ATQB (50 + PUPI + application data + protocol info: 256-byte frames, ISO 14443-4, FWI 8), ATTRIB_RES (MBLI 0, CID 0).
        return [0x01, 0x50, .. _card!.Pupi, 0x00, 0x00, 0x00, 0x00, 0x00, 0x81, 0x81, 0x01, 0x00];
    }

    private byte[]? AutoPoll(byte command, byte[] data)
    {
        if (data.Length < 3 || data[0] == 0 || data[1] is 0 or > 0x0F) return null;
        SetField(true);
        var types = data[2..];
        var typeB = Array.FindIndex(types, t => t is 0x03 or 0x23);
        if (typeB >= 0 && _card is not null && !_halted) return AutoPollFound(types[typeB]);
        if (typeB >= 0 && data[0] == 0xFF)
        {
            Log?.Invoke("poll: InAutoPoll waiting for a Type B card (PollNr FF)");
            _pendingPoll = new PendingPoll(command, true, types[typeB]);
            return Deferred;
        }
        AddModeled(Timing.AutoPollPeriodUnit * data[1] * data[0] * types.Length);
        return [0x00];
    }

    private byte[] AutoPollFound(byte typeCode)
    {
        ActivateCard();
        var target = TargetData();
        return [0x01, typeCode, (byte)target.Length, .. target];
    }

    private byte[]? DataExchange(byte[] data)
    {
        if (data.Length < 1) return null;
        var tg = data[0] & 0x3F;
        var hostMore = (data[0] & 0x40) != 0;
        if (tg != 1 || !_active) return [StatusWrongContext];
        if (_card is null)
        {
            _active = false;
            _lastError = StatusTimeout;
            Log?.Invoke("air: no answer (card gone)");
            return [StatusTimeout];
        }
        var part = data.AsSpan(1);
        if (hostMore)
        {
            _hostChain.AddRange(part);
            AddModeled(Timing.Air(part.Length));
            return [StatusOk];
        }
        if (part.Length == 0 && _hostChain.Count == 0 && _pendingResponse.Length > 0) return NextChunk();
        byte[] capdu = [.. _hostChain, .. part];
        _hostChain.Clear();
        _pendingResponse = [];
        Log?.Invoke("apdu > " + DescribeApdu(capdu));
        AddModeled(Timing.Air(capdu.Length));
        if (TakeFault(Pn532FaultKind.RfTimeout) is not null)
        {
            Log?.Invoke("fault: RF timeout");
            _lastError = StatusTimeout;
            return [StatusTimeout];
        }
        var rapdu = _card.Process(capdu);
        AddModeled(Timing.Card(_card.LastOperation));
        if (TakeFault(Pn532FaultKind.CardRemovedMidExchange) is not null)
        {
            Log?.Invoke("fault: card removed before answering");
            RemoveCard();
            _active = false;
            _lastError = StatusTimeout;
            return [StatusTimeout];
        }
        Log?.Invoke("apdu < " + Convert.ToHexString(rapdu));
        AddModeled(Timing.Air(rapdu.Length));
        _lastError = StatusOk;
        _pendingResponse = rapdu;
        return NextChunk();
    }

    private byte[] NextChunk()
    {
        var n = Math.Min(Math.Max(1, MaxDataPerResponse), _pendingResponse.Length);
        var more = _pendingResponse.Length > n;
        byte[] result = [more ? StatusMoreInformation : StatusOk, .. _pendingResponse.AsSpan(0, n)];
        _pendingResponse = _pendingResponse[n..];
        return result;
    }

    private byte[]? Deselect(byte[] data, bool release)
    {
        if (data.Length != 1) return null;
        if (data[0] is not (0 or 1)) return [StatusWrongContext];
        if (_active && _card is not null)
        {
            // S(DESELECT) puts a Type B card into HALT: it ignores REQB until the field is cycled.
            _halted = true;
            if (release) _card.Reset();
        }
        _active = false;
        _pendingResponse = [];
        return [StatusOk];
    }

    private byte[]? Select(byte[] data)
    {
        if (data.Length != 1) return null;
        if (data[0] != 1 || _card is null) return [StatusWrongContext];
        ActivateCard();
        _halted = false;
        return [StatusOk];
    }

    private void Respond(byte command, byte[] data)
    {
        byte[] body = [Pn532Frames.Pn532ToHost, (byte)(command + 1), .. data];
        var frame = Pn532Frames.Encode(body);
        _lastResponseFrame = frame;
        Log?.Invoke("tx " + (body.Length > Pn532Frames.MaxNormalLength ? "ext " : "") + Describe(body));
        if (TakeFault(Pn532FaultKind.CorruptResponse) is not null)
        {
            Log?.Invoke("fault: corrupting response checksum");
            frame = (byte[])frame.Clone();
            frame[^2] ^= 0x5A;
        }
        AddModeled(Timing.Uart(frame.Length));
        Send(frame);
    }

    private void SendError()
    {
        Log?.Invoke("tx error frame (syntax error / unknown command)");
        _lastResponseFrame = Pn532Frames.Error;
        Send(Pn532Frames.Error);
    }

    private void Send(byte[] bytes) => _send(bytes);

    private Pn532Fault? TakeFault(Pn532FaultKind kind)
    {
        if (_faults.Count == 0 || _faults.Peek().Kind != kind) return null;
        return _faults.Dequeue();
    }

    private void AddModeled(TimeSpan t)
    {
        Interlocked.Add(ref _modeledTicks, t.Ticks);
        if (Timing.RealTime && t > TimeSpan.Zero)
        {
            Monitor.Exit(_gate);
            try { Thread.Sleep(t); }
            finally { Monitor.Enter(_gate); }
        }
    }

    private static string Describe(byte[] body)
    {
        if (body.Length >= 7 && body[1] == 0x40) return Convert.ToHexString(body, 0, 3) + " " + DescribeApdu(body[3..]);
        return Convert.ToHexString(body);
    }

    /// <summary>Hex of an APDU with the data of a VERIFY masked, so logs never hold a PIN.</summary>
    public static string DescribeApdu(byte[] apdu)
    {
        if (apdu.Length > 5 && apdu[1] == 0x20) return Convert.ToHexString(apdu, 0, 5) + new string('*', 2 * (apdu.Length - 5));
        return Convert.ToHexString(apdu);
    }

    private sealed record PendingPoll(byte Command, bool AutoPoll, byte TypeCode);
}
