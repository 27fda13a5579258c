using Microsoft.Extensions.Logging;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>
/// A logger for million-request runs: counts entries at Error and above, scans every entry for planted secrets, and keeps only
/// a bounded tail (a capturing logger that keeps everything would itself be the unbounded memory the fuzzer looks for).
/// </summary>
public sealed class BoundedLogSink : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _errors = new();
    private long _errorCount;
    private long _entries;
    private readonly List<string> _secretHits = [];

    /// <summary>Strings that must never appear in a log entry (planted My Numbers).</summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    /// <summary>Entries at Error or Critical so far.</summary>
    public long ErrorCount => Interlocked.Read(ref _errorCount);

    /// <summary>All entries so far.</summary>
    public long Entries => Interlocked.Read(ref _entries);

    /// <summary>The last error entries (at most 20).</summary>
    public string LastErrors()
    {
        lock (_gate) return string.Join("\n", _errors);
    }

    /// <summary>Log entries that contained a planted secret (at most 20 kept).</summary>
    public IReadOnlyList<string> SecretHits()
    {
        lock (_gate) return _secretHits.ToList();
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        Interlocked.Increment(ref _entries);
        var text = message + (exception is null ? "" : " " + exception);
        foreach (var secret in Secrets)
        {
            if (!text.Contains(secret, StringComparison.Ordinal)) continue;
            lock (_gate)
            {
                if (_secretHits.Count < 20) _secretHits.Add(category + ": a planted secret was logged");
            }
        }
        if (level < LogLevel.Error) return;
        Interlocked.Increment(ref _errorCount);
        lock (_gate)
        {
            _errors.Enqueue(level + " " + category + ": " + (text.Length > 2000 ? text[..2000] : text));
            while (_errors.Count > 20) _errors.Dequeue();
        }
    }

    private sealed class Logger(BoundedLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) sink.Write(category, logLevel, formatter(state, exception), exception);
        }
    }
}
