using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Benchmarks.CardStack;

/// <summary>Passes bytes through and records, for every write, what was read until the next write (to replay without the emulator).</summary>
internal sealed class RecordingStream : IByteStream
{
    private readonly IByteStream _inner;
    private readonly List<byte[]> _writes = new();
    private readonly List<List<byte>> _readsAfter = new();

    public RecordingStream(IByteStream inner) => _inner = inner;

    public IReadOnlyList<byte[]> Writes => _writes;

    public byte[][] Replies => _readsAfter.Select(r => r.ToArray()).ToArray();

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = _inner.Read(buffer, offset, count, timeoutMs);
        if (n > 0 && _readsAfter.Count > 0)
        {
            _readsAfter[^1].AddRange(buffer.AsSpan(offset, n).ToArray());
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _writes.Add(buffer.AsSpan(offset, count).ToArray());
        _readsAfter.Add(new List<byte>());
        _inner.Write(buffer, offset, count);
    }

    public void DiscardInput() => _inner.DiscardInput();
}

/// <summary>Replays a recording: after write i, the bytes read after write i become readable. Allocates nothing per call.</summary>
internal sealed class ReplayStream : IByteStream
{
    private readonly byte[][] _replies;
    private int _next;
    private byte[] _current = Array.Empty<byte>();
    private int _position;

    public ReplayStream(byte[][] replies) => _replies = replies;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = Math.Min(count, _current.Length - _position);
        if (n <= 0)
        {
            return 0;
        }

        Array.Copy(_current, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _current = _next < _replies.Length ? _replies[_next] : Array.Empty<byte>();
        _next++;
        _position = 0;
    }

    public void DiscardInput() => _position = _current.Length;
}
