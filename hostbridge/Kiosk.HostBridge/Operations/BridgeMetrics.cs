using System.Diagnostics.Metrics;

namespace Kiosk.HostBridge.Operations;

/// <summary>The bridge's instruments (one Meter per host, so two instances in one process keep separate figures).</summary>
public sealed class BridgeMetrics
{
    private readonly Counter<long> _sessionsOpened;
    private readonly Counter<long> _authentications;
    private readonly Counter<long> _issuances;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deviceRefusals;
    private readonly Counter<long> _printJobs;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _orderDuration;

    /// <summary>Creates the instruments on a meter owned by this host's meter factory.</summary>
    public BridgeMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create("Kiosk.HostBridge");
        _sessionsOpened = Meter.CreateCounter<long>("kiosk.sessions.opened", description: "Sessions opened by terminals.");
        _authentications = Meter.CreateCounter<long>("kiosk.authentications", description: "Card authentications by outcome.");
        _issuances = Meter.CreateCounter<long>("kiosk.issuances", description: "Orders that reached a final state, by state.");
        _failures = Meter.CreateCounter<long>("kiosk.failures", description: "Refusals and failures by cause (problem code).");
        _deviceRefusals = Meter.CreateCounter<long>("kiosk.device.refusals", description: "Device certificates refused in the TLS handshake, by reason.");
        _printJobs = Meter.CreateCounter<long>("kiosk.print.jobs", description: "Print attempts through a store printer's gate, by printer and outcome.");
        _requestDuration = Meter.CreateHistogram<double>("kiosk.request.duration", unit: "s", description: "Kiosk API request latency by route.");
        _orderDuration = Meter.CreateHistogram<double>("kiosk.order.duration", unit: "s", description: "Time from order to final state.");
    }

    /// <summary>The meter the Prometheus exporter listens to.</summary>
    public Meter Meter { get; }

    /// <summary>A session was opened.</summary>
    public void SessionOpened() => _sessionsOpened.Add(1);

    /// <summary>An authentication finished with this outcome ("ok" or a problem code).</summary>
    public void Authentication(string outcome) => _authentications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>An order reached a final state.</summary>
    public void OrderFinished(string state, TimeSpan elapsed)
    {
        _issuances.Add(1, new KeyValuePair<string, object?>("state", state));
        _orderDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>A refusal or failure with its problem code.</summary>
    public void Failure(string cause) => _failures.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>An order left a printer's gate: outcome "printed" or the print reason (printer-out-of-paper, print-timeout ...).</summary>
    public void PrintJob(string printerId, string outcome)
        => _printJobs.Add(1, new KeyValuePair<string, object?>("printer", printerId), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A device certificate was refused in the handshake.</summary>
    public void DeviceRefused(string reason) => _deviceRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A kiosk API request took this long.</summary>
    public void Request(string route, int status, TimeSpan elapsed)
        => _requestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
