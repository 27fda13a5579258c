using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>
/// Plays a recorded PN532 conversation: each write gets the next scripted reply queued for reading.
/// A read with nothing queued advances the manual clock by the whole timeout and returns 0, like a silent UART.
/// </summary>
internal sealed class ScriptedByteStream : IByteStream
{
    private readonly ManualClock _clock;
    private readonly Queue<byte[]> _replies = new();
    private readonly Queue<byte> _input = new();
    private readonly List<byte[]> _writes = new();

    public ScriptedByteStream(ManualClock clock) => _clock = clock;

    public IReadOnlyList<byte[]> Writes => _writes;

    public int Discards { get; private set; }

    /// <summary>Queues what the "PN532" sends after the next write (may be empty: silence).</summary>
    public ScriptedByteStream Then(string hex)
    {
        _replies.Enqueue(Hex.Bytes(hex));
        return this;
    }

    /// <summary>Puts bytes on the line right now, as if they arrived before the next command.</summary>
    public void Inject(string hex)
    {
        foreach (byte b in Hex.Bytes(hex))
        {
            _input.Enqueue(b);
        }
    }

    public int PendingReplies => _replies.Count;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_input.Count == 0)
        {
            _clock.Advance(Math.Max(1, timeoutMs));
            return 0;
        }

        int n = 0;
        while (n < count && _input.Count > 0)
        {
            buffer[offset + n++] = _input.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _writes.Add(buffer.AsSpan(offset, count).ToArray());
        if (_replies.Count > 0)
        {
            foreach (byte b in _replies.Dequeue())
            {
                _input.Enqueue(b);
            }
        }
    }

    public void DiscardInput()
    {
        Discards++;
        _input.Clear();
    }
}
