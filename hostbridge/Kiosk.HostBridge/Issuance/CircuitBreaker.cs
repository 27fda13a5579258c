namespace Kiosk.HostBridge.Issuance;

/// <summary>
/// Consecutive-failure circuit breaker: after N transient failures calls fail fast for a while, then one trial call
/// decides whether to close again. Thread-safe; time comes from a TimeProvider so tests can drive it.
/// </summary>
public sealed class CircuitBreaker(int failureThreshold, TimeSpan openDuration, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset? _openedAt;
    private bool _trialInFlight;

    /// <summary>Closed, Open or HalfOpen.</summary>
    public string State
    {
        get
        {
            lock (_gate)
            {
                if (_openedAt is null) return "Closed";
                return clock.GetUtcNow() - _openedAt.Value >= openDuration ? "HalfOpen" : "Open";
            }
        }
    }

    /// <summary>True when a call may go out now; in half-open state only one trial call at a time.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_openedAt is null) return true;
            if (clock.GetUtcNow() - _openedAt.Value < openDuration || _trialInFlight) return false;
            _trialInFlight = true;
            return true;
        }
    }

    /// <summary>The service answered (even with a 4xx): close the circuit.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _openedAt = null;
            _trialInFlight = false;
        }
    }

    /// <summary>A transient failure: count it, and open (or re-open) the circuit at the threshold or after a failed trial.</summary>
    public void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_trialInFlight || _failures >= failureThreshold) _openedAt = clock.GetUtcNow();
            _trialInFlight = false;
        }
    }
}
