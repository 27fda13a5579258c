namespace Kiosk.HostBridge.Configuration;

/// <summary>Everything the bridge reads from the "Bridge" configuration section (appsettings, then KIOSK_Bridge__* env vars).</summary>
public sealed class BridgeOptions
{
    /// <summary>Folder for generated material (dev PKI, deployment key, SQLite file); relative to the content root.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Where the terminals and the operators connect.</summary>
    public ListenOptions Listen { get; set; } = new();

    /// <summary>Database engine and connection.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The fleet PKI: CA that issues device certificates, and the server certificate.</summary>
    public FleetPkiOptions Pki { get; set; } = new();

    /// <summary>JPKI trust anchors and CRL sources.</summary>
    public JpkiOptions Jpki { get; set; } = new();

    /// <summary>Session and order timing.</summary>
    public TimingOptions Timing { get; set; } = new();

    /// <summary>Base64 of the 32-byte deployment secret shared by all instances; when empty a key file in DataDir is used.</summary>
    public string? DeploymentKey { get; set; }

    /// <summary>Display names of municipalities by code (returned at authentication; the terminal may localise them).</summary>
    public Dictionary<string, string> MunicipalityNames { get; set; } = [];

    /// <summary>Largest accepted request body in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Largest body Kestrel reads at all; bodies between the two limits are drained and answered 413 on a kept-alive connection.</summary>
    public long DrainLimitBytes { get; set; } = 1024 * 1024;
}

/// <summary>Listening addresses.</summary>
public sealed class ListenOptions
{
    /// <summary>Address for both listeners (loopback by default).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Mutual-TLS port for the terminals (0 picks a free port).</summary>
    public int KioskPort { get; set; } = 8443;

    /// <summary>Plain HTTP port for /healthz, /readyz and /metrics (0 picks a free port, -1 disables it).</summary>
    public int OpsPort { get; set; } = 8080;
}

/// <summary>Database selection.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Connection string; for SQLite the default is a file in DataDir.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Fleet PKI files.</summary>
public sealed class FleetPkiOptions
{
    /// <summary>Generate a development PKI (fleet CA, localhost server cert, one enrolled device) into DataDir when files are missing.</summary>
    public bool GenerateDevPki { get; set; } = true;

    /// <summary>PEM of the fleet CA certificate (public part only is needed by the bridge).</summary>
    public string? FleetCaCertificate { get; set; }

    /// <summary>PKCS#12 file with the server certificate and key.</summary>
    public string? ServerCertificate { get; set; }

    /// <summary>Password of <see cref="ServerCertificate"/>.</summary>
    public string? ServerCertificatePassword { get; set; }

    /// <summary>How often the device trust cache re-reads devices and revocations from the database.</summary>
    public TimeSpan TrustRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>JPKI verification inputs.</summary>
public sealed class JpkiOptions
{
    /// <summary>Files (PEM or DER) or folders of JPKI CA certificates trusted as roots; nothing from the system store is trusted.</summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>CRL sources: http(s) URLs or file paths, one per issuing CA.</summary>
    public List<string> Crls { get; set; } = [];

    /// <summary>How often CRLs are fetched again.</summary>
    public TimeSpan CrlRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A CRL older than this (since fetched) is stale even before its nextUpdate; stale means fail closed.</summary>
    public TimeSpan CrlMaxAge { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Timeouts; any of them expiring aborts the whole session and its orders.</summary>
public sealed class TimingOptions
{
    /// <summary>Idle time after which a session expires; each terminal call slides it.</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Absolute lifetime of a session.</summary>
    public TimeSpan SessionMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time an order has from creation to printed.</summary>
    public TimeSpan OrderDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often each instance looks for orders to advance and sessions to expire.</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the worker's safety-net pass asks about an order still awaiting payment. A confirmed payment wakes its
    /// order at once (and an expired code is found on the next check), so this bounds only what the events miss: a payment confirmed
    /// at another instance. Checking every waiting order on every pass was the bridge's largest cost under load.</summary>
    public TimeSpan PaymentRecheck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long /readyz reuses the printers' answers before asking them again.</summary>
    public TimeSpan PrinterStateMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the audit sealer gathers appends before chaining them; bounds how long a record waits unchained.</summary>
    public TimeSpan AuditSealDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>An order left in creating, issuing or printing (without a recorded job) for longer than this, by no request or
    /// step of this instance, was orphaned by a crash and is recovered; longer than any live issuance or print submission.</summary>
    public TimeSpan RecoveryGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often payments of orders that ended without paper are checked for money not yet given back (a crash or a
    /// database outage between ending the order and voiding or refunding its payment).</summary>
    public TimeSpan SettlementSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
