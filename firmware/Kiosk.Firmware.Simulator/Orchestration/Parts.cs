namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>One part the simulator starts (bridge, municipality, printer, emulators, core) and how it is doing.</summary>
public sealed record PartStatus(string Name, bool Running, string Detail);

/// <summary>What is running and what is not, shown on the front panel and used by --scripted to fail with a reason.</summary>
public sealed class PartsReport
{
    private readonly object _gate = new();
    private readonly List<PartStatus> _parts = [];

    /// <summary>Records that a part runs, with where (a URL, a folder).</summary>
    public void Running(string name, string detail) => Set(new PartStatus(name, true, detail));

    /// <summary>Records that a part is not available, with the reason the user will read.</summary>
    public void Missing(string name, string reason) => Set(new PartStatus(name, false, reason));

    /// <summary>All parts in the order they were first reported.</summary>
    public IReadOnlyList<PartStatus> All { get { lock (_gate) return _parts.ToArray(); } }

    /// <summary>The parts that are not running.</summary>
    public IReadOnlyList<PartStatus> MissingParts { get { lock (_gate) return _parts.Where(p => !p.Running).ToArray(); } }

    private void Set(PartStatus status)
    {
        lock (_gate)
        {
            int i = _parts.FindIndex(p => p.Name == status.Name);
            if (i >= 0) _parts[i] = status; else _parts.Add(status);
        }
    }
}
