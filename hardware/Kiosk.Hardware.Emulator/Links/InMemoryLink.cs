namespace Kiosk.Hardware.Emulator.Links;

/// <summary>
/// An in-memory full-duplex byte link with two ends, like a UART cable: bytes written at one end are read at the other.
/// Lets the firmware core's PN532 driver (through <see cref="Kiosk.Firmware.Core.Hardware.IByteStream"/>) talk to the
/// emulator in-process: give <see cref="HostEnd"/> to the driver and <see cref="DeviceEnd"/> to <c>Pn532Host</c>.
/// </summary>
public sealed class InMemoryLink : IDisposable
{
    /// <summary>Creates a connected pair of ends.</summary>
    public InMemoryLink()
    {
        var toDevice = new ByteQueue();
        var toHost = new ByteQueue();
        HostEnd = new LinkEnd(toHost, toDevice);
        DeviceEnd = new LinkEnd(toDevice, toHost);
    }

    /// <summary>The host's end (the ESP32 side: the PN532 driver).</summary>
    public LinkEnd HostEnd { get; }

    /// <summary>The device's end (the PN532 side: the emulator).</summary>
    public LinkEnd DeviceEnd { get; }

    /// <summary>Closes both ends; blocked readers return 0.</summary>
    public void Dispose()
    {
        HostEnd.Dispose();
        DeviceEnd.Dispose();
    }
}

/// <summary>One end of an <see cref="InMemoryLink"/>: a blocking <see cref="Stream"/> and a firmware <see cref="Kiosk.Firmware.Core.Hardware.IByteStream"/>.</summary>
public sealed class LinkEnd : Stream, Kiosk.Firmware.Core.Hardware.IByteStream
{
    private readonly ByteQueue _incoming;
    private readonly ByteQueue _outgoing;

    internal LinkEnd(ByteQueue incoming, ByteQueue outgoing)
    {
        _incoming = incoming;
        _outgoing = outgoing;
    }

    /// <summary>Total bytes this end has written (for throughput checks).</summary>
    public long BytesWritten { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => true;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Blocks until at least one byte is there (or the link is closed: returns 0).</summary>
    public override int Read(byte[] buffer, int offset, int count) => _incoming.Read(buffer, offset, count, Timeout.Infinite);

    /// <summary>Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/>; 0 on timeout or close.</summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _incoming.Read(buffer, offset, count, timeoutMs);

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        _outgoing.Write(buffer, offset, count);
        BytesWritten += count;
    }

    /// <summary>Drops whatever input is waiting.</summary>
    public void DiscardInput() => _incoming.Clear();

    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _incoming.Close();
        _outgoing.Close();
        base.Dispose(disposing);
    }
}

/// <summary>A thread-safe FIFO of bytes with blocking reads.</summary>
internal sealed class ByteQueue
{
    private readonly Queue<byte> _bytes = new();
    private bool _closed;

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (_bytes)
        {
            if (_closed) throw new IOException("link closed");
            for (var i = 0; i < count; i++) _bytes.Enqueue(buffer[offset + i]);
            Monitor.PulseAll(_bytes);
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (_bytes)
        {
            var deadline = timeoutMs == Timeout.Infinite ? long.MaxValue : Environment.TickCount64 + timeoutMs;
            while (_bytes.Count == 0 && !_closed)
            {
                var left = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Max(0, deadline - Environment.TickCount64);
                if (left == 0) return 0;
                Monitor.Wait(_bytes, left);
            }
            var n = 0;
            while (n < count && _bytes.Count > 0) buffer[offset + n++] = _bytes.Dequeue();
            return n;
        }
    }

    public void Clear()
    {
        lock (_bytes) _bytes.Clear();
    }

    public void Close()
    {
        lock (_bytes)
        {
            _closed = true;
            Monitor.PulseAll(_bytes);
        }
    }
}
