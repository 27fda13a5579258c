namespace Kiosk.HostBridge.Storage;

/// <summary>The bridge schema, in order. Times are Unix milliseconds (BIGINT) so both engines compare them the same way.</summary>
public static class Migrations
{
    private const string CommonV1 = """
        CREATE TABLE stores (
            store_id TEXT PRIMARY KEY,
            municipality_code TEXT NOT NULL,
            name TEXT NOT NULL
        );
        CREATE TABLE devices (
            device_id TEXT PRIMARY KEY,
            store_id TEXT NOT NULL REFERENCES stores(store_id),
            cert_serial TEXT NOT NULL UNIQUE,
            cert_not_after BIGINT NOT NULL,
            enrolled_at BIGINT NOT NULL
        );
        CREATE TABLE device_revocations (
            cert_serial TEXT PRIMARY KEY,
            revoked_at BIGINT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE device_heartbeats (
            device_id TEXT PRIMARY KEY REFERENCES devices(device_id),
            received_at BIGINT NOT NULL,
            firmware_version TEXT NOT NULL,
            app_version TEXT NOT NULL,
            free_heap BIGINT NOT NULL,
            largest_free_block BIGINT NOT NULL,
            reader_state TEXT NOT NULL,
            printer_state TEXT NOT NULL,
            uptime_seconds BIGINT NOT NULL,
            state TEXT NOT NULL
        );
        CREATE TABLE sessions (
            session_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL REFERENCES devices(device_id),
            store_id TEXT NOT NULL,
            state TEXT NOT NULL,
            challenge TEXT NULL,
            challenge_used BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            max_expires_at BIGINT NOT NULL,
            serial_hash TEXT NULL,
            sealed_resident TEXT NULL,
            municipality_code TEXT NULL,
            receipt_code TEXT NULL UNIQUE,
            end_reason TEXT NULL,
            version BIGINT NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX ux_sessions_one_active_per_device ON sessions(device_id) WHERE state IN ('open', 'authenticated');
        CREATE INDEX ix_sessions_active_expiry ON sessions(expires_at) WHERE state IN ('open', 'authenticated');
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(session_id),
            device_id TEXT NOT NULL,
            store_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            serial_hash TEXT NOT NULL,
            receipt_code TEXT NOT NULL,
            product TEXT NOT NULL,
            options TEXT NOT NULL,
            members TEXT NOT NULL,
            copies BIGINT NOT NULL,
            year BIGINT NULL,
            fee_yen BIGINT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NULL,
            payment_id TEXT NULL,
            payment_code TEXT NULL,
            print_job_id TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            deadline_at BIGINT NOT NULL,
            version BIGINT NOT NULL DEFAULT 0,
            CONSTRAINT ux_orders_idempotency UNIQUE (device_id, idempotency_key)
        );
        CREATE INDEX ix_orders_session ON orders(session_id);
        CREATE INDEX ix_orders_open ON orders(state) WHERE state IN ('creating', 'awaiting-payment', 'paid', 'issuing', 'printing');
        CREATE TABLE audit_head (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            seq BIGINT NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
        CREATE TABLE audit (
            seq BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            step TEXT NOT NULL,
            outcome TEXT NOT NULL,
            device_id TEXT NULL,
            store_id TEXT NULL,
            session_id TEXT NULL,
            order_id TEXT NULL,
            serial_hash TEXT NULL,
            receipt_code TEXT NULL,
            product TEXT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX ix_audit_receipt ON audit(receipt_code);
        """;

    private const string SqliteAppendOnly = """
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        """;

    private const string PostgresAppendOnly = """
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
        CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        """;

    // A renewed device keeps its superseded certificate until it first uses the new one (or the old one expires), so a lost renewal
    // answer never locks a terminal out. The trust cache reads these rows, hence a bridge migration rather than a fleet table.
    private const string PreviousCertificatesV2 = """
        CREATE TABLE device_previous_certificates (
            cert_serial TEXT PRIMARY KEY,
            device_id TEXT NOT NULL REFERENCES devices(device_id),
            cert_not_after BIGINT NOT NULL,
            superseded_by TEXT NOT NULL,
            superseded_at BIGINT NOT NULL,
            retired_at BIGINT NULL
        );
        CREATE INDEX ix_device_previous_certificates_device ON device_previous_certificates(device_id);
        """;

    // Appends land here inside the state change's transaction (one INSERT, no lock); AuditSealer moves them into the hash chain in
    // batches under the head row lock, so concurrent issuances no longer queue on that one row. Not append-only: the sealer deletes
    // what it has chained, in the same transaction.
    private const string PendingAuditColumns = """
            at BIGINT NOT NULL,
            step TEXT NOT NULL,
            outcome TEXT NOT NULL,
            device_id TEXT NULL,
            store_id TEXT NULL,
            session_id TEXT NULL,
            order_id TEXT NULL,
            serial_hash TEXT NULL,
            receipt_code TEXT NULL,
            product TEXT NULL
        );
        """;

    private const string SqlitePendingAuditV3 = "CREATE TABLE audit_pending (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n" + PendingAuditColumns;

    private const string PostgresPendingAuditV3 = "CREATE TABLE audit_pending (\n    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        + PendingAuditColumns;

    // The printer an order's job went to: recovery after a restart asks that printer even if the store has been moved to another
    // one in Printing:Printers since (asking the new one would find no job and print the order a second time).
    private const string OrderPrinterV4 = "ALTER TABLE orders ADD COLUMN printer_id TEXT NULL;";

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(1, "kiosk protocol v1 schema", CommonV1 + SqliteAppendOnly, CommonV1 + PostgresAppendOnly),
        new Migration(2, "device certificate renewal", PreviousCertificatesV2, PreviousCertificatesV2),
        new Migration(3, "audit appends sealed in batches", SqlitePendingAuditV3, PostgresPendingAuditV3),
        new Migration(4, "order records its printer", OrderPrinterV4, OrderPrinterV4),
    ];
}
