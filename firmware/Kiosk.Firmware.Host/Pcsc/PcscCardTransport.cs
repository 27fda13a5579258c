using System.Text;
using Kiosk.Firmware.Core.Card;

namespace Kiosk.Firmware.Host.Pcsc;

/// <summary>The card transport over PC/SC (pcscd + any reader driver, vpcd included), so the core's JPKI client runs on a laptop.</summary>
public sealed unsafe class PcscCardTransport : ICardTransport, IDisposable
{
    private readonly string? _wantedReader;
    private nint _context;
    private nint _card;
    private nuint _protocol;

    /// <summary>Uses <paramref name="reader"/> (exact name or unique substring), or the first reader holding a card when null.</summary>
    public PcscCardTransport(string? reader = null) => _wantedReader = reader;

    /// <summary>Name of the reader in use after <see cref="Connect"/>.</summary>
    public string? ReaderName { get; private set; }

    /// <summary>Active protocol after <see cref="Connect"/>: "T=0" or "T=1".</summary>
    public string Protocol => _protocol == PcscNative.ProtocolT0 ? "T=0" : "T=1";

    /// <summary>One-line reason of the last failure, for technician messages.</summary>
    public string? LastError { get; private set; }

    /// <summary>True when the last failure was the absence of any (matching) reader rather than of a card.</summary>
    public bool NoReader { get; private set; }

    /// <summary>Lists the readers pcscd knows, or throws an IOException with a one-line reason.</summary>
    public IReadOnlyList<string> ListReaders()
    {
        uint code = EnsureContext();
        if (code != PcscNative.Success)
        {
            throw new IOException(PcscNative.Describe(code));
        }

        code = List(out List<string> readers);
        if (code != PcscNative.Success && code != PcscNative.NoReadersAvailable)
        {
            throw new IOException(PcscNative.Describe(code));
        }

        return readers;
    }

    /// <inheritdoc />
    public TransportStatus Connect()
    {
        Disconnect(PcscNative.LeaveCard);
        NoReader = false;
        uint code = EnsureContext();
        if (code != PcscNative.Success)
        {
            return Fail(code, TransportStatus.ReaderError, noReader: true);
        }

        code = List(out List<string> readers);
        if (code == PcscNative.NoReadersAvailable || (code == PcscNative.Success && readers.Count == 0))
        {
            return Fail(PcscNative.NoReadersAvailable, TransportStatus.ReaderError, noReader: true);
        }

        if (code != PcscNative.Success)
        {
            return Fail(code, TransportStatus.ReaderError, noReader: true);
        }

        List<string> candidates = readers;
        if (_wantedReader is not null)
        {
            candidates = readers.Where(r => r == _wantedReader).ToList();
            if (candidates.Count == 0)
            {
                candidates = readers.Where(r => r.Contains(_wantedReader, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            if (candidates.Count != 1)
            {
                NoReader = true;
                LastError = candidates.Count == 0 ? "no reader named \"" + _wantedReader + "\"" : "\"" + _wantedReader + "\" matches several readers";
                return TransportStatus.ReaderError;
            }
        }

        uint last = PcscNative.NoSmartcard;
        foreach (string reader in candidates)
        {
            byte[] name = Encoding.UTF8.GetBytes(reader + "\0");
            fixed (byte* p = name)
            {
                last = PcscNative.Code(PcscNative.SCardConnect(_context, p, PcscNative.ShareShared, PcscNative.ProtocolT0 | PcscNative.ProtocolT1, out _card, out _protocol));
            }

            if (last == PcscNative.Success)
            {
                ReaderName = reader;
                LastError = null;
                return TransportStatus.Ok;
            }
        }

        _card = 0;
        return Fail(last, last is PcscNative.NoSmartcard or PcscNative.RemovedCard or PcscNative.UnresponsiveCard or PcscNative.UnpoweredCard ? TransportStatus.NoCard : TransportStatus.ReaderError);
    }

    /// <inheritdoc />
    public bool IsPresent()
    {
        if (_card == 0)
        {
            return false;
        }

        nuint readerLength = 0;
        nuint atrLength = 0;
        uint code = PcscNative.Code(PcscNative.SCardStatus(_card, null, ref readerLength, out nuint state, out _, null, ref atrLength));
        return code == PcscNative.Success && (state & PcscNative.StateAbsent) == 0;
    }

    /// <inheritdoc />
    public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
    {
        responseLength = 0;
        if (_card == 0)
        {
            return TransportStatus.NoCard;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(commandOffset + commandLength, command.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(responseOffset + responseCapacity, response.Length);
        PcscNative.IoRequest pci = new() { Protocol = _protocol, PciLength = (nuint)sizeof(PcscNative.IoRequest) };
        nuint received = (nuint)responseCapacity;
        uint code;
        fixed (byte* send = &command[commandOffset])
        fixed (byte* receive = &response[responseOffset])
        {
            code = PcscNative.Code(PcscNative.SCardTransmit(_card, &pci, send, (nuint)commandLength, null, receive, ref received));
        }

        if (code == PcscNative.Success)
        {
            responseLength = (int)received;
            return responseLength >= 2 ? TransportStatus.Ok : Fail(code, TransportStatus.ReaderError);
        }

        return code switch
        {
            PcscNative.RemovedCard or PcscNative.NoSmartcard or PcscNative.ResetCardWarning or PcscNative.UnpoweredCard => Fail(code, TransportStatus.CardRemoved),
            PcscNative.Timeout or PcscNative.UnresponsiveCard => Fail(code, TransportStatus.Timeout),
            PcscNative.InsufficientBuffer => Fail(code, TransportStatus.ResponseTooLong),
            _ => Fail(code, TransportStatus.ReaderError),
        };
    }

    /// <inheritdoc />
    public void Release() => Disconnect(PcscNative.ResetCard);

    /// <summary>Disconnects and releases the PC/SC context.</summary>
    public void Dispose()
    {
        Disconnect(PcscNative.LeaveCard);
        if (_context != 0)
        {
            PcscNative.SCardReleaseContext(_context);
            _context = 0;
        }
    }

    private void Disconnect(uint disposition)
    {
        if (_card != 0)
        {
            // Reset between sessions so no verified PIN state outlives the session.
            PcscNative.SCardDisconnect(_card, disposition);
            _card = 0;
        }
    }

    private uint EnsureContext()
    {
        if (_context != 0)
        {
            return PcscNative.Success;
        }

        try
        {
            return PcscNative.Code(PcscNative.SCardEstablishContext(PcscNative.ScopeSystem, 0, 0, out _context));
        }
        catch (DllNotFoundException)
        {
            return PcscNative.NoService;
        }
    }

    private uint List(out List<string> readers)
    {
        readers = new List<string>();
        nuint length = 0;
        uint code = PcscNative.Code(PcscNative.SCardListReaders(_context, null, null, ref length));
        if (code != PcscNative.Success)
        {
            return code;
        }

        byte[] buffer = new byte[(int)length];
        fixed (byte* p = buffer)
        {
            code = PcscNative.Code(PcscNative.SCardListReaders(_context, null, p, ref length));
        }

        if (code != PcscNative.Success)
        {
            return code;
        }

        foreach (string name in Encoding.UTF8.GetString(buffer, 0, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            readers.Add(name);
        }

        return PcscNative.Success;
    }

    private TransportStatus Fail(uint code, TransportStatus status, bool noReader = false)
    {
        LastError = PcscNative.Describe(code);
        NoReader = noReader;
        return status;
    }
}
