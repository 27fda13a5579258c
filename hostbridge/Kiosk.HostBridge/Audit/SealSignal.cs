namespace Kiosk.HostBridge.Audit;

/// <summary>The audit sealer's wake-up: any number of signals between two waits wake it once, and a signal never throws.</summary>
/// <remarks>Raised on every audit append, so it must be cheap: it releases the semaphore only when no wake-up is outstanding.
/// A signal skipped because one is outstanding loses nothing: that wake-up has not been taken yet, and the pass it starts seals
/// after it is taken, so after this signal too. Two signallers seeing no wake-up at once both release; the loser's
/// <see cref="SemaphoreFullException"/> (rare, a race only) means the same thing and is swallowed.</remarks>
public sealed class SealSignal
{
    // Never disposed: an append may still signal after the sealer stopped, and a SemaphoreSlim without a wait handle holds
    // nothing that needs releasing.
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the waiter (now, or at its next wait).</summary>
    public void Signal()
    {
        if (_semaphore.CurrentCount != 0) return;
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another signaller released between the check and ours: the waiter wakes once for both.
        }
    }

    /// <summary>Waits for a signal (taking it) or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
