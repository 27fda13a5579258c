namespace Kiosk.HostBridge.Orders;

/// <summary>In-process wake-ups for terminals long-polling an order (<c>GET /v1/orders/{oid}?wait=&amp;state=</c>): every committed
/// state change on this instance signals the order's waiters. Only a hint: a change made by another bridge instance is not
/// signalled here, so waiters also re-read the database on a bounded interval (the database stays the truth).</summary>
public sealed class OrderChanges
{
    private readonly Dictionary<string, Waiters> _waiting = new(StringComparer.Ordinal);

    /// <summary>Starts watching an order; the task completes at its next signalled change. Release it with <see cref="Release"/>.</summary>
    /// <remarks>Register before reading the state it is compared with, so a change committed between the read and the wait is not missed.</remarks>
    public Task Register(string orderId)
    {
        lock (_waiting)
        {
            if (!_waiting.TryGetValue(orderId, out var w))
            {
                w = new Waiters();
                _waiting[orderId] = w;
            }
            w.Count++;
            return w.Changed.Task;
        }
    }

    /// <summary>Stops watching (the entry goes once its last waiter leaves, so orders nobody waits on cost nothing).</summary>
    public void Release(string orderId, Task registered)
    {
        lock (_waiting)
        {
            if (_waiting.TryGetValue(orderId, out var w) && w.Changed.Task == registered && --w.Count == 0) _waiting.Remove(orderId);
        }
    }

    /// <summary>The order's state changed (called after the change is committed); wakes everyone waiting on it.</summary>
    public void Signal(string orderId)
    {
        Waiters? w;
        lock (_waiting)
        {
            if (!_waiting.Remove(orderId, out w)) return;
        }
        w.Changed.TrySetResult();
    }

    /// <summary>Orders with at least one waiter (tests and diagnostics).</summary>
    public int Watched
    {
        get
        {
            lock (_waiting) return _waiting.Count;
        }
    }

    private sealed class Waiters
    {
        public readonly TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Count;
    }
}
