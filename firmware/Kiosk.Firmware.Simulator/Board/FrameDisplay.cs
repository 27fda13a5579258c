using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The simulated display: keeps the latest 320x240 1-bit frame the core showed and tells watchers when it changes.</summary>
public sealed class FrameDisplay : IDisplay
{
    /// <summary>Width in pixels.</summary>
    public const int Width = 320;

    /// <summary>Height in pixels.</summary>
    public const int Height = 240;

    /// <summary>Bytes per row (1 bit per pixel, MSB first).</summary>
    public const int Stride = Width / 8;

    private readonly object _gate = new();
    private readonly byte[] _frame = new byte[Stride * Height];
    private long _version;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Increments on every <see cref="Show"/>; the front panel uses it as the image's ETag.</summary>
    public long Version { get { lock (_gate) return _version; } }

    /// <inheritdoc />
    public void Show(byte[] frame, int firstRow, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > Height)
            throw new ArgumentOutOfRangeException(nameof(rowCount), "Rows outside the 240-row display.");
        if (frame.Length < (firstRow + rowCount) * Stride)
            throw new ArgumentException("The frame is shorter than the rows asked for.", nameof(frame));

        TaskCompletionSource toSignal;
        lock (_gate)
        {
            Buffer.BlockCopy(frame, firstRow * Stride, _frame, firstRow * Stride, rowCount * Stride);
            _version++;
            toSignal = _changed;
            _changed = NewSignal();
        }
        toSignal.TrySetResult();
    }

    /// <summary>A copy of the current frame and its version.</summary>
    public byte[] Snapshot(out long version)
    {
        lock (_gate)
        {
            version = _version;
            return (byte[])_frame.Clone();
        }
    }

    /// <summary>Completes when the frame changes after <paramref name="knownVersion"/> (at once if it already has).</summary>
    public async Task<long> WaitForChangeAsync(long knownVersion, CancellationToken ct)
    {
        Task changed;
        lock (_gate)
        {
            if (_version != knownVersion) return _version;
            changed = _changed.Task;
        }
        await changed.WaitAsync(ct).ConfigureAwait(false);
        return Version;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
