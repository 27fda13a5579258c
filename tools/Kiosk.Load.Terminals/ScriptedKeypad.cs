using System.Collections.Concurrent;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Load.Terminals;

/// <summary>The PIN pad as the scripted resident presses it: keys queued by the driver, read by the core's main loop.
/// With no key queued the read waits (so the loop paces its ticks) but wakes as soon as a key arrives.</summary>
internal sealed class ScriptedKeypad : IKeypad
{
    private readonly BlockingCollection<Key> _keys = new();

    public void Press(Key key) => _keys.Add(key);

    public int Pending => _keys.Count;

    public Key ReadKey(int timeoutMs) => _keys.TryTake(out var k, Math.Max(0, timeoutMs)) ? k : Key.None;

    public void Clear()
    {
        while (_keys.TryTake(out _)) { }
    }
}
