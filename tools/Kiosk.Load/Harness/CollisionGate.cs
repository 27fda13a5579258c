using System.Diagnostics;

namespace Kiosk.Load.Harness;

/// <summary>Releases the order POSTs of many terminals together: in a barrier round every terminal that reaches its
/// confirmation screen for that round waits, and all are released at once when the last arrives (or after at most a second,
/// so a terminal whose transaction failed earlier holds nobody up). Which rounds are barrier rounds follows the seed.</summary>
public sealed class CollisionGate(int terminals, double share, int seed)
{
    private readonly Dictionary<int, Round> _rounds = new();
    private long _released, _barrierRounds;
    private readonly List<double> _spreadsMs = new();

    /// <summary>Orders released by a barrier, and barrier rounds held.</summary>
    public (long Released, long Rounds) Counts => (Interlocked.Read(ref _released), Interlocked.Read(ref _barrierRounds));

    /// <summary>Per barrier round, the time between the first and last terminal leaving the barrier (ms).</summary>
    public double[] ReleaseSpreadsMs()
    {
        lock (_spreadsMs) return _spreadsMs.ToArray();
    }

    /// <summary>True when round <paramref name="round"/> is a barrier round.</summary>
    public bool IsBarrierRound(int round) => share > 0 && new Random(HashCode.Combine(seed, round)).NextDouble() < share;

    /// <summary>Called by a terminal just before its order POST in transaction <paramref name="round"/>.</summary>
    public void Arrive(int round)
    {
        if (terminals < 2 || !IsBarrierRound(round)) return;
        Round r;
        lock (_rounds)
        {
            if (!_rounds.TryGetValue(round, out r!))
            {
                _rounds[round] = r = new Round();
                Interlocked.Increment(ref _barrierRounds);
            }
            // A terminal that reaches this round after its release collides with nobody: it goes on alone.
            if (r.Released) return;
            r.Arrived++;
            if (r.Arrived == terminals) Release(r);
        }
        if (!r.Go.Wait(TimeSpan.FromSeconds(1)))
        {
            lock (_rounds) Release(r);
        }
        long left = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _released);
        lock (r)
        {
            r.First = r.First == 0 ? left : Math.Min(r.First, left);
            r.Last = Math.Max(r.Last, left);
            r.Left++;
            if (r.Left == r.Arrived)
            {
                lock (_spreadsMs) _spreadsMs.Add(Stopwatch.GetElapsedTime(r.First, r.Last).TotalMilliseconds);
            }
        }
    }

    private static void Release(Round r)
    {
        if (r.Released) return;
        r.Released = true;
        r.Go.Set();
    }

    private sealed class Round
    {
        public readonly ManualResetEventSlim Go = new(false);
        public bool Released;
        public int Arrived, Left;
        public long First, Last;
    }
}
