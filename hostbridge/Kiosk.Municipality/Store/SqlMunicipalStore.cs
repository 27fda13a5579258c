using System.Data.Common;
using Dapper;
using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Store;

/// <summary>The store over any ADO.NET provider with Dapper; one connection per call, so it is safe under concurrency.</summary>
public sealed class SqlMunicipalStore(Func<DbConnection> connect, SqlDialect dialect) : IMunicipalStore
{
    static SqlMunicipalStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>The dialect this store speaks.</summary>
    public SqlDialect Dialect => dialect;

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = connect();
        await c.OpenAsync(ct);
        return c;
    }

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        foreach (var sql in StoreSchema.Statements(dialect))
            await c.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
    }

    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM municipalities", cancellationToken: ct)) == 0;
    }

    public async Task SeedAsync(SeedData seed, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        async Task Insert<T>(string table, string columns, IEnumerable<T> rows)
        {
            var cols = columns.Split(',', StringSplitOptions.TrimEntries);
            var values = string.Join(", ", cols.Select(col => "@" + ToPascal(col)));
            var sql = $"INSERT INTO {table} ({string.Join(", ", cols)}) VALUES ({values})";
            foreach (var row in rows)
                await c.ExecuteAsync(new CommandDefinition(sql, row, tx, cancellationToken: ct));
        }
        await Insert("municipalities", "code, prefecture, name, mayor_title, mayor_name, office_open, office_close", seed.Municipalities);
        await Insert("municipal_products", "municipality_code, product_code, fee_yen", seed.Products);
        await Insert("households", "household_id, municipality_code, address, head_resident_id", seed.Households);
        await Insert("residents",
            "resident_id, profile_id, municipality_code, household_id, family_name, given_name, family_kana, given_kana, " +
            "birth_date, sex, relationship, status, status_date, protected, my_number, resident_since, previous_address, " +
            "family_register_id, nationality, residence_card_number, residence_status, residence_period_end", seed.Residents);
        await Insert("seal_registrations", "resident_id, registration_number, registered_on, status, abolished_on, impression", seed.Seals);
        await Insert("tax_records",
            "resident_id, fiscal_year, salary_income, total_income, deductions, taxable_income, municipal_tax, prefectural_tax", seed.TaxRecords);
        await Insert("family_registers", "register_id, municipality_code, honseki, hittosha, formed_on", seed.FamilyRegisters);
        await Insert("family_register_members",
            "register_id, position, resident_id, family_name, given_name, birth_date, sex, father, mother, relationship, events, removed",
            seed.FamilyRegisterMembers);
        await Insert("address_history", "resident_id, position, address, from_date", seed.AddressHistory);
        await tx.CommitAsync(ct);
    }

    private static string ToPascal(string snake) =>
        string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private async Task<T?> One<T>(string sql, object args, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<T>> Many<T>(string sql, object args, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await c.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    public Task<MunicipalityRecord?> GetMunicipalityAsync(string code, CancellationToken ct) =>
        One<MunicipalityRecord>("SELECT * FROM municipalities WHERE code = @code", new { code }, ct);

    public Task<IReadOnlyList<MunicipalProductRecord>> GetProductsAsync(string municipalityCode, CancellationToken ct) =>
        Many<MunicipalProductRecord>("SELECT * FROM municipal_products WHERE municipality_code = @municipalityCode", new { municipalityCode }, ct);

    public Task<ResidentRecord?> GetResidentByProfileAsync(string profileId, CancellationToken ct) =>
        One<ResidentRecord>("SELECT * FROM residents WHERE profile_id = @profileId", new { profileId }, ct);

    public Task<ResidentRecord?> GetResidentAsync(string municipalityCode, string residentId, CancellationToken ct) =>
        One<ResidentRecord>("SELECT * FROM residents WHERE municipality_code = @municipalityCode AND resident_id = @residentId",
            new { municipalityCode, residentId }, ct);

    public Task<HouseholdRecord?> GetHouseholdAsync(string householdId, CancellationToken ct) =>
        One<HouseholdRecord>("SELECT * FROM households WHERE household_id = @householdId", new { householdId }, ct);

    public Task<IReadOnlyList<ResidentRecord>> GetHouseholdMembersAsync(string householdId, CancellationToken ct) =>
        Many<ResidentRecord>("SELECT * FROM residents WHERE household_id = @householdId ORDER BY resident_id", new { householdId }, ct);

    public Task<SealRecord?> GetSealAsync(string residentId, CancellationToken ct) =>
        One<SealRecord>("SELECT * FROM seal_registrations WHERE resident_id = @residentId", new { residentId }, ct);

    public Task<IReadOnlyList<TaxRecord>> GetTaxRecordsAsync(string residentId, CancellationToken ct) =>
        Many<TaxRecord>("SELECT * FROM tax_records WHERE resident_id = @residentId ORDER BY fiscal_year DESC", new { residentId }, ct);

    public Task<FamilyRegisterRecord?> GetFamilyRegisterAsync(string registerId, CancellationToken ct) =>
        One<FamilyRegisterRecord>("SELECT * FROM family_registers WHERE register_id = @registerId", new { registerId }, ct);

    public Task<IReadOnlyList<FamilyRegisterMemberRecord>> GetFamilyRegisterMembersAsync(string registerId, CancellationToken ct) =>
        Many<FamilyRegisterMemberRecord>("SELECT * FROM family_register_members WHERE register_id = @registerId ORDER BY position", new { registerId }, ct);

    public Task<IReadOnlyList<AddressHistoryRecord>> GetAddressHistoryAsync(string residentId, CancellationToken ct) =>
        Many<AddressHistoryRecord>("SELECT * FROM address_history WHERE resident_id = @residentId ORDER BY position", new { residentId }, ct);

    public async Task<bool> TryInsertDocumentAsync(IssuedDocumentRecord d, CancellationToken ct)
    {
        // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+) makes two racing retries store exactly one document.
        const string sql = """
            INSERT INTO issued_documents (document_id, request_id, request_hash, municipality_code, resident_id,
              subject_certificate_serial, product_code, copies, pages, fee_yen, total_yen, issued_at, pdf_sha256,
              verification_code, pdf)
            VALUES (@DocumentId, @RequestId, @RequestHash, @MunicipalityCode, @ResidentId, @SubjectCertificateSerial,
              @ProductCode, @Copies, @Pages, @FeeYen, @TotalYen, @IssuedAt, @PdfSha256, @VerificationCode, @Pdf)
            ON CONFLICT (request_id) DO NOTHING
            """;
        await using var c = await OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(sql, d, cancellationToken: ct)) == 1;
    }

    public Task<IssuedDocumentRecord?> GetDocumentByRequestIdAsync(string requestId, CancellationToken ct) =>
        One<IssuedDocumentRecord>("SELECT * FROM issued_documents WHERE request_id = @requestId", new { requestId }, ct);

    public Task<IssuedDocumentRecord?> GetDocumentAsync(string documentId, CancellationToken ct) =>
        One<IssuedDocumentRecord>("SELECT * FROM issued_documents WHERE document_id = @documentId", new { documentId }, ct);

    public async Task<long> CountDocumentsAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM issued_documents", cancellationToken: ct));
    }
}
