using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Kiosk.HostBridge.Operations;

/// <summary>Aggregates one Meter's counters and histograms and writes them in the Prometheus text exposition format 0.0.4.</summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> _series = new();

    private sealed class Series
    {
        public long Count;
        public double Sum;
        public readonly long[] BucketCounts = new long[Buckets.Length];
    }

    /// <summary>Starts listening to the given meter only.</summary>
    public PrometheusExporter(BridgeMetrics metrics)
    {
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, Series>());
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Labels(tags);
        var series = _series.GetOrAdd(instrument, _ => new()).GetOrAdd(key, _ => new Series());
        lock (series)
        {
            series.Count++;
            series.Sum += value;
            for (var b = 0; b < Buckets.Length; b++) if (value <= Buckets[b]) series.BucketCounts[b]++;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags) parts.Add(tag.Key + "=\"" + Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "") + "\"");
        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    /// <summary>The current figures as exposition text.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var (instrument, seriesByLabels) in _series.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
        {
            var isHistogram = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
            var name = instrument.Name.Replace('.', '_') + (isHistogram ? (instrument.Unit == "s" ? "_seconds" : "") : "_total");
            sb.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description ?? "").Append('\n');
            sb.Append("# TYPE ").Append(name).Append(isHistogram ? " histogram\n" : " counter\n");
            foreach (var (labels, series) in seriesByLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (!isHistogram)
                    {
                        sb.Append(name).Append(Braces(labels)).Append(' ').Append(Number(series.Sum)).Append('\n');
                        continue;
                    }
                    for (var b = 0; b < Buckets.Length; b++)
                    {
                        sb.Append(name).Append("_bucket").Append(Braces(Join(labels, "le=\"" + Number(Buckets[b]) + "\"")))
                          .Append(' ').Append(series.BucketCounts[b]).Append('\n');
                    }
                    sb.Append(name).Append("_bucket").Append(Braces(Join(labels, "le=\"+Inf\""))).Append(' ').Append(series.Count).Append('\n');
                    sb.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Number(series.Sum)).Append('\n');
                    sb.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(series.Count).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;
    private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";
    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
