namespace Kiosk.Load.Faults;

/// <summary>Seeded, thread-safe random choices for the fault injectors, so a failing run can be replayed with the same seed.</summary>
public sealed class FaultDice(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p)
    {
        lock (_random) return _random.NextDouble() < p;
    }

    /// <summary>A whole number in [min, max).</summary>
    public int Between(int min, int max)
    {
        lock (_random) return _random.Next(min, max);
    }
}

/// <summary>How often each fault is injected when faults are on (fractions of requests, connections or payments).</summary>
public sealed class FaultRates
{
    /// <summary>Municipal requests delayed by 50–400 ms.</summary>
    public double MunicipalitySlow { get; init; } = 0.05;
    /// <summary>Municipal requests held past the bridge's timeout.</summary>
    public double MunicipalityTimeout { get; init; } = 0.01;
    /// <summary>Municipal requests answered 503.</summary>
    public double MunicipalityError { get; init; } = 0.02;
    /// <summary>New TCP connections to the bridge delayed by 20–200 ms.</summary>
    public double NetworkSlow { get; init; } = 0.05;
    /// <summary>TCP connections cut within their first few kilobytes (mid-handshake); the others are cut after 20–400 kB.</summary>
    public double NetworkDrop { get; init; } = 0.02;
    /// <summary>Payments the clerk confirms late (0.2–1.5 s).</summary>
    public double ClerkLate { get; init; } = 0.10;
    /// <summary>Payments nobody ever confirms (the code expires, the order is cancelled).</summary>
    public double ClerkNever { get; init; } = 0.03;
    /// <summary>Chance per second that the printer runs out of paper for a moment.</summary>
    public double PrinterOutOfPaperPerSecond { get; init; } = 0.10;
    /// <summary>Chance per second that the printer stalls briefly (slow printing).</summary>
    public double PrinterSlowPerSecond { get; init; } = 0.15;
    /// <summary>Chance per second that the printer stalls past the print timeout (jobs cancelled, payments refunded).</summary>
    public double PrinterTimeoutPerSecond { get; init; } = 0.04;
}
