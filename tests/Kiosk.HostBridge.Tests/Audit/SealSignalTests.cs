using Kiosk.HostBridge.Audit;

namespace Kiosk.HostBridge.Tests.Audit;

/// <summary>The audit sealer's wake-up: signalling never throws on the plain path, signals collapse into one wake-up, and a
/// signal racing the waiter is never lost (the last append is always followed by a pass that sees it).</summary>
public sealed class SealSignalTests
{
    [Fact]
    public async Task Repeated_signals_wake_the_waiter_once_without_throwing()
    {
        var signal = new SealSignal();
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception is SemaphoreFullException && Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref thrown);
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            for (var i = 0; i < 1000; i++) signal.Signal();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }
        Assert.Equal(0, thrown);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_signal_racing_the_waiter_is_never_lost()
    {
        // Producers stand for appends (a sequence number, then the signal); the consumer stands for the sealer (wait, then
        // read what has been appended). Whatever the interleaving, once the producers stop the consumer must wake for the
        // last append: a lost wake-up would leave it waiting for the long timeout, and the test fails instead of falling back.
        const int perProducer = 20_000;
        var signal = new SealSignal();
        long appended = 0, seen = 0;
        var consumer = Task.Run(async () =>
        {
            while (true)
            {
                var woken = await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
                Volatile.Write(ref seen, Volatile.Read(ref appended));
                if (!woken || Volatile.Read(ref seen) == 2L * perProducer) return woken;
            }
        });
        var producers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                Interlocked.Increment(ref appended);
                signal.Signal();
            }
        })).ToArray();
        await Task.WhenAll(producers);
        Assert.True(await consumer, "the consumer was not woken for the last append");
        Assert.Equal(2L * perProducer, Volatile.Read(ref seen));
    }
}
