namespace Kiosk.Load.Terminals;

/// <summary>Latencies in milliseconds per bridge call kind ("open", "authenticate", "products", "order", "poll", "cancel",
/// "end", "heartbeat"), written by one terminal's thread and read once it has stopped (or copied under its lock).</summary>
public sealed class LatencyLog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<double>> _byCall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unreachable = new(StringComparer.Ordinal);

    /// <summary>Adds one measurement.</summary>
    public void Add(string call, double ms, bool reached)
    {
        lock (_gate)
        {
            if (!_byCall.TryGetValue(call, out var list)) _byCall[call] = list = new List<double>(256);
            list.Add(ms);
            if (!reached) _unreachable[call] = _unreachable.GetValueOrDefault(call) + 1;
        }
    }

    /// <summary>A copy of the measurements per call kind.</summary>
    public IReadOnlyDictionary<string, double[]> Snapshot()
    {
        lock (_gate) return _byCall.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Calls that could not reach the bridge, per call kind.</summary>
    public IReadOnlyDictionary<string, int> Unreachable()
    {
        lock (_gate) return new Dictionary<string, int>(_unreachable, StringComparer.Ordinal);
    }
}
