using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Host.Pcsc;
using Kiosk.Firmware.Host.Streams;
using Kiosk.Firmware.Host.Timing;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Card;

/// <summary>The reader a card command uses (--pn532 PATH|tcp:HOST:PORT or --pcsc [READER]) and the JPKI client on top of it.</summary>
public sealed class CardConnection : IDisposable
{
    private readonly IDisposable? _link;
    private readonly PcscCardTransport? _pcsc;
    private readonly Pn532CardTransport? _pn532;
    private readonly string _address;

    private CardConnection(ICardTransport transport, IDisposable? link, string address)
    {
        Transport = transport;
        _link = link;
        _address = address;
        _pcsc = transport as PcscCardTransport;
        _pn532 = transport as Pn532CardTransport;
        Card = new JpkiCard(transport);
    }

    /// <summary>The JPKI client.</summary>
    public JpkiCard Card { get; }

    /// <summary>The transport underneath.</summary>
    public ICardTransport Transport { get; }

    /// <summary>Options shared by every card command.</summary>
    public const string Synopsis = "(--pn532 PATH|tcp:HOST:PORT [--baud N] | --pcsc [READER])";

    /// <summary>Parses the reader options and opens the link; on failure writes one line and returns null with <paramref name="exitCode"/> set.</summary>
    public static CardConnection? Open(CommandContext context, Arguments arguments, out int exitCode)
    {
        exitCode = ExitCode.Ok;
        string? pn532 = arguments.Value("--pn532");
        string? reader = arguments.OptionalValue("--pcsc", out bool pcsc);
        string? baudText = arguments.Value("--baud");
        if ((pn532 is null) == !pcsc)
        {
            throw new UsageException("give exactly one of --pn532 PATH|tcp:HOST:PORT or --pcsc [READER]");
        }

        int baud = 115200;
        if (baudText is not null && !int.TryParse(baudText, out baud))
        {
            throw new UsageException("--baud needs a number");
        }

        if (pcsc)
        {
            return new CardConnection(new PcscCardTransport(reader), null, reader ?? "first reader with a card");
        }

        IByteStream stream;
        try
        {
            stream = Pn532Link.Open(pn532!, baud);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            exitCode = context.Fail(ExitCode.NoReader, "no reader: " + e.Message);
            return null;
        }

        // A laptop under load (or a USB-UART adapter's latency timer) can delay bytes far beyond the chip's 1 ms ACK.
        var device = new Pn532(stream, new HostClock(), new Pn532Timeouts { AckMs = 500, CommandMs = 1000 });
        return new CardConnection(new Pn532CardTransport(device), stream as IDisposable, pn532!);
    }

    /// <summary>Human description of the reader, e.g. "PN532 v1.6 at /dev/ttyUSB0" or "PC/SC \"Virtual PCD 00 00\" (T=1)".</summary>
    public string Describe()
    {
        if (_pcsc is not null)
        {
            return "PC/SC \"" + (_pcsc.ReaderName ?? _address) + "\" (" + _pcsc.Protocol + ")";
        }

        Pn532 device = _pn532!.Device;
        string ic = device.FirmwareIc == 0x32 ? "PN532" : "PN53x (IC 0x" + device.FirmwareIc.ToString("X2") + ")";
        return ic + " v" + (device.FirmwareVersion >> 8) + "." + (device.FirmwareVersion & 0xFF) + " at " + _address;
    }

    /// <summary>What every card command does first: <see cref="Open"/> the link, reject options no one read, and <see cref="OpenCard(CommandContext)"/>;
    /// on failure writes one line and returns null with <paramref name="exitCode"/> set.</summary>
    public static CardConnection? OpenWithCard(CommandContext context, Arguments arguments, out int exitCode)
    {
        CardConnection? connection = Open(context, arguments, out exitCode);
        try
        {
            arguments.RejectUnknown();
            if (connection is null)
            {
                return null;
            }

            exitCode = connection.OpenCard(context);
            if (exitCode != ExitCode.Ok)
            {
                return null;
            }

            CardConnection opened = connection;
            connection = null;
            return opened;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Opens the card (find it, select the JPKI AP); on failure writes one line and returns its exit code.</summary>
    public int OpenCard(CommandContext context)
    {
        CardResult opened = Card.Open();
        return opened.IsOk ? ExitCode.Ok : Report(context, opened);
    }

    /// <summary>Writes the one-line message for a failed card result and returns the exit code.</summary>
    public int Report(CommandContext context, CardResult result)
    {
        switch (result.Status)
        {
            case CardStatus.NoCard:
                return context.Fail(ExitCode.NoCard, "no card on the reader");
            case CardStatus.NotMyNumberCard:
                return context.Fail(ExitCode.NotMyNumberCard, "the card is not a My Number Card (no JPKI application)");
            case CardStatus.WrongPin:
                return context.Fail(ExitCode.WrongPin, "wrong PIN, " + result.TriesLeft + (result.TriesLeft == 1 ? " try left" : " tries left"));
            case CardStatus.Locked:
                return context.Fail(ExitCode.Locked, "the authentication PIN is locked; it can only be reset at the municipal office");
            case CardStatus.CardRemoved:
                return context.Fail(ExitCode.CardError, "the card was removed during the operation");
            case CardStatus.Timeout:
                return context.Fail(ExitCode.CardError, "the card or reader did not answer in time");
            case CardStatus.PinFormatInvalid:
                return context.Fail(ExitCode.Usage, "the PIN must be exactly 4 digits");
            case CardStatus.ReaderError:
                return context.Fail(ExitCode.NoReader, "no reader: " + ReaderProblem());
            case CardStatus.SecurityNotSatisfied:
                return context.Fail(ExitCode.CardError, "the card refused: PIN not verified");
            default:
                return context.Fail(ExitCode.CardError, "unexpected card status " + result.StatusWord.ToString("X4"));
        }
    }

    private string ReaderProblem()
    {
        if (_pcsc is not null)
        {
            return _pcsc.LastError ?? "PC/SC failure";
        }

        return _pn532!.LastPn532Status == Pn532Status.Timeout
            ? "the PN532 at " + _address + " does not answer"
            : "the PN532 at " + _address + " failed (" + _pn532.LastPn532Status + ")";
    }

    /// <summary>Releases the card and closes the link.</summary>
    public void Dispose()
    {
        try
        {
            Card.Release();
        }
        finally
        {
            (_pcsc as IDisposable)?.Dispose();
            _link?.Dispose();
        }
    }
}
