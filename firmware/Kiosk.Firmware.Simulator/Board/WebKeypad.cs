using System.Collections.Concurrent;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The simulated PIN pad: keys pressed on the web front panel (or by a script) queue up for the core to read.</summary>
public sealed class WebKeypad : IKeypad, IDisposable
{
    // Bounded so a stuck core and a key-mashing visitor cannot grow memory without limit.
    private readonly BlockingCollection<Key> _keys = new(new ConcurrentQueue<Key>(), boundedCapacity: 64);

    /// <summary>Queues one key press; false when the queue is full (the core is not reading keys).</summary>
    public bool Press(Key key)
    {
        if (key == Key.None) return false;
        return _keys.TryAdd(key);
    }

    /// <summary>Number of presses the core has not read yet.</summary>
    public int Pending => _keys.Count;

    /// <inheritdoc />
    public Key ReadKey(int timeoutMs)
    {
        return _keys.TryTake(out var key, Math.Max(0, timeoutMs)) ? key : Key.None;
    }

    /// <summary>Drops keys nobody read, so a new session never sees the previous visitor's presses.</summary>
    public void Clear()
    {
        while (_keys.TryTake(out _)) { }
    }

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();
}
