using System.Security.Cryptography;
using Dapper;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>Signed application bundles: checked against the declared size and digest and the release key at upload, stored on disk by digest.</summary>
public sealed class BundleStore(IDatabase database, IOptions<RolloutOptions> options, BridgePaths paths, TimeProvider clock)
{
    private readonly Lazy<ECDsa?> _releaseKey = new(() => LoadKey(options.Value.ReleaseKeyFile));

    /// <summary>Folder holding bundle contents.</summary>
    public string Folder => options.Value.BundleDir ?? Path.Combine(paths.DataDir, "bundles");

    /// <summary>Checks and stores a bundle; throws <see cref="FleetProblem"/> for every refusal (nothing is stored then).</summary>
    public async Task<BundleView> UploadAsync(AdminPrincipal admin, string? version, long? declaredSize, string? declaredSha256, string? signatureBase64,
        byte[] content, string? municipality, CancellationToken ct)
    {
        if (version is null || !RolloutRules.IsShortCode(version)) throw new FleetProblem(400, "bad-request", "Version: 1 to 64 of letters, digits, . - _ +.");
        if (municipality is not null && !admin.CanSee(municipality)) throw new FleetProblem(403, "forbidden", "This belongs to another municipality.");
        var scope = municipality ?? admin.Municipality;
        var key = _releaseKey.Value ?? throw new FleetProblem(503, "release-key-missing", "No release key is configured (Rollouts:ReleaseKeyFile).");
        if (content.LongLength == 0) throw new FleetProblem(400, "bundle-empty", "The bundle file is empty.");
        if (content.LongLength > options.Value.MaxBundleBytes)
            throw new FleetProblem(413, "bundle-too-large", "The bundle is larger than the device's application partition (" + options.Value.MaxBundleBytes + " bytes).");
        if (declaredSize is { } size && size != content.LongLength)
            throw new FleetProblem(422, "bundle-size-mismatch", "The file has " + content.LongLength + " bytes, the release says " + size + ".");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (declaredSha256 is { Length: > 0 } d && !string.Equals(d.Trim(), sha, StringComparison.OrdinalIgnoreCase))
            throw new FleetProblem(422, "bundle-digest-mismatch", "The file's SHA-256 is not the one the release names.");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64?.Trim() ?? "");
        }
        catch (FormatException)
        {
            throw new FleetProblem(400, "bad-request", "Signature: base64 of the release key's ECDSA signature.");
        }
        var statement = ReleaseBundle.SignedStatement(version, content.LongLength, sha);
        // Raw r||s (what .NET writes) or DER (what `openssl dgst -sha256 -sign` writes): both name the same signature.
        var valid = signature.Length > 0 && (key.VerifyData(statement, signature, HashAlgorithmName.SHA256)
            || key.VerifyData(statement, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        if (!valid) throw new FleetProblem(422, "bundle-signature-invalid", "The release key's signature over version, size and SHA-256 does not verify.");

        await using var c = await database.OpenAsync(ct);
        var taken = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM rollout_bundles WHERE version = @version AND COALESCE(municipality_code, '') = @scope",
            new { version, scope = scope ?? "" });
        if (taken > 0) throw new FleetProblem(409, "bundle-exists", "A bundle with this version is already uploaded.");

        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, sha + ".bin");
        if (!File.Exists(file))
        {
            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, file, overwrite: true);
        }
        var view = new BundleView(Guid.NewGuid().ToString("N"), version, content.LongLength, sha, scope, admin.Username, clock.GetUtcNow());
        await c.ExecuteAsync("""
            INSERT INTO rollout_bundles (bundle_id, version, size, sha256, signature, municipality_code, uploaded_by, uploaded_at, content_file)
            VALUES (@BundleId, @Version, @Size, @Sha256, @signature, @MunicipalityCode, @UploadedBy, @at, @file)
            """, new { view.BundleId, view.Version, view.Size, view.Sha256, signature = Convert.ToBase64String(signature), view.MunicipalityCode,
            view.UploadedBy, at = view.UploadedAt.ToUnixTimeMilliseconds(), file = Path.GetFileName(file) });
        return view;
    }

    /// <summary>Bundles the admin may use: fleet-wide ones and those of the admin's municipality.</summary>
    public async Task<IReadOnlyList<BundleView>> ListAsync(AdminPrincipal admin, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<BundleRow>("SELECT * FROM rollout_bundles"
            + (admin.IsFleetWide ? "" : " WHERE municipality_code IS NULL OR municipality_code = @m") + " ORDER BY uploaded_at DESC",
            new { m = admin.Municipality ?? "" });
        return rows.Select(r => r.View()).ToList();
    }

    /// <summary>One bundle by id, or null.</summary>
    public async Task<BundleView?> GetAsync(string bundleId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<BundleRow>("SELECT * FROM rollout_bundles WHERE bundle_id = @bundleId", new { bundleId }))?.View();
    }

    /// <summary>Full path of a bundle's content.</summary>
    public string ContentPath(BundleView bundle) => Path.Combine(Folder, bundle.Sha256 + ".bin");

    private static ECDsa? LoadKey(string? file)
    {
        if (string.IsNullOrWhiteSpace(file)) return null;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(file));
        return key;
    }

    internal sealed class BundleRow
    {
        public string BundleId { get; set; } = "";
        public string Version { get; set; } = "";
        public long Size { get; set; }
        public string Sha256 { get; set; } = "";
        public string Signature { get; set; } = "";
        public string? MunicipalityCode { get; set; }
        public string UploadedBy { get; set; } = "";
        public long UploadedAt { get; set; }
        public string ContentFile { get; set; } = "";

        public BundleView View() => new(BundleId, Version, Size, Sha256, MunicipalityCode, UploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAt));
    }
}

/// <summary>Small validation rules shared by the rollout API and the device endpoints.</summary>
public static class RolloutRules
{
    /// <summary>1–64 of A-Z a-z 0-9 . - _ + (the protocol's short-code rule).</summary>
    public static bool IsShortCode(string s) => s.Length is > 0 and <= 64 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+');
}
