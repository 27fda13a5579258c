namespace Kiosk.HostBridge.Payments;

/// <summary>The payments table's migration, valid on both SQLite and PostgreSQL (times as Unix milliseconds, no dialect types).</summary>
public static class PaymentSchema
{
    /// <summary>Idempotent: safe to run at every start.</summary>
    public const string Migration001 = """
        CREATE TABLE IF NOT EXISTS kiosk_payments (
            payment_id    TEXT    NOT NULL PRIMARY KEY,
            order_id      TEXT    NOT NULL,
            code          TEXT    NOT NULL,
            amount_yen    INTEGER NOT NULL,
            state         TEXT    NOT NULL,
            store_id      TEXT    NULL,
            reason        TEXT    NULL,
            created_at_ms BIGINT  NOT NULL,
            expires_at_ms BIGINT  NOT NULL,
            updated_at_ms BIGINT  NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_kiosk_payments_code ON kiosk_payments (code);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_kiosk_payments_order ON kiosk_payments (order_id);
        """;
}
