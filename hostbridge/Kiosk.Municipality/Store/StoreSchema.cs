namespace Kiosk.Municipality.Store;

/// <summary>The store's tables, written once for both dialects.</summary>
internal static class StoreSchema
{
    public static string[] Statements(SqlDialect d) =>
    [
        """
        CREATE TABLE IF NOT EXISTS municipalities (
          code TEXT PRIMARY KEY, prefecture TEXT NOT NULL, name TEXT NOT NULL,
          mayor_title TEXT NOT NULL, mayor_name TEXT NOT NULL, office_open TEXT NOT NULL, office_close TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS municipal_products (
          municipality_code TEXT NOT NULL REFERENCES municipalities(code), product_code TEXT NOT NULL,
          fee_yen INTEGER NOT NULL, PRIMARY KEY (municipality_code, product_code))
        """,
        """
        CREATE TABLE IF NOT EXISTS households (
          household_id TEXT PRIMARY KEY, municipality_code TEXT NOT NULL REFERENCES municipalities(code),
          address TEXT NOT NULL, head_resident_id TEXT NOT NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS residents (
          resident_id TEXT PRIMARY KEY, profile_id TEXT UNIQUE, municipality_code TEXT NOT NULL REFERENCES municipalities(code),
          household_id TEXT NOT NULL REFERENCES households(household_id),
          family_name TEXT NOT NULL, given_name TEXT NOT NULL, family_kana TEXT NOT NULL, given_kana TEXT NOT NULL,
          birth_date TEXT NOT NULL, sex TEXT NOT NULL, relationship TEXT NOT NULL, status TEXT NOT NULL, status_date TEXT,
          protected {d.Bool} NOT NULL, my_number TEXT NOT NULL, resident_since TEXT NOT NULL, previous_address TEXT,
          family_register_id TEXT, nationality TEXT, residence_card_number TEXT, residence_status TEXT,
          residence_period_end TEXT)
        """,
        """
        CREATE TABLE IF NOT EXISTS seal_registrations (
          resident_id TEXT PRIMARY KEY REFERENCES residents(resident_id), registration_number TEXT NOT NULL,
          registered_on TEXT NOT NULL, status TEXT NOT NULL, abolished_on TEXT, impression TEXT NOT NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS tax_records (
          resident_id TEXT NOT NULL REFERENCES residents(resident_id), fiscal_year INTEGER NOT NULL,
          salary_income {d.Int64} NOT NULL, total_income {d.Int64} NOT NULL, deductions {d.Int64} NOT NULL,
          taxable_income {d.Int64} NOT NULL, municipal_tax {d.Int64} NOT NULL, prefectural_tax {d.Int64} NOT NULL,
          PRIMARY KEY (resident_id, fiscal_year))
        """,
        """
        CREATE TABLE IF NOT EXISTS family_registers (
          register_id TEXT PRIMARY KEY, municipality_code TEXT NOT NULL REFERENCES municipalities(code),
          honseki TEXT NOT NULL, hittosha TEXT NOT NULL, formed_on TEXT NOT NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS family_register_members (
          register_id TEXT NOT NULL REFERENCES family_registers(register_id), position INTEGER NOT NULL,
          resident_id TEXT, family_name TEXT NOT NULL, given_name TEXT NOT NULL, birth_date TEXT NOT NULL,
          sex TEXT NOT NULL, father TEXT NOT NULL, mother TEXT NOT NULL, relationship TEXT NOT NULL,
          events TEXT NOT NULL, removed {d.Bool} NOT NULL, PRIMARY KEY (register_id, position))
        """,
        """
        CREATE TABLE IF NOT EXISTS address_history (
          resident_id TEXT NOT NULL REFERENCES residents(resident_id), position INTEGER NOT NULL,
          address TEXT NOT NULL, from_date TEXT NOT NULL, PRIMARY KEY (resident_id, position))
        """,
        $"""
        CREATE TABLE IF NOT EXISTS issued_documents (
          document_id TEXT PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, request_hash TEXT NOT NULL,
          municipality_code TEXT NOT NULL, resident_id TEXT NOT NULL, subject_certificate_serial TEXT NOT NULL,
          product_code TEXT NOT NULL, copies INTEGER NOT NULL, pages INTEGER NOT NULL, fee_yen INTEGER NOT NULL,
          total_yen INTEGER NOT NULL, issued_at TEXT NOT NULL, pdf_sha256 TEXT NOT NULL,
          verification_code TEXT NOT NULL, pdf {d.Blob} NOT NULL)
        """,
    ];
}
