using System.Text.RegularExpressions;
using Kiosk.HostBridge.Devices;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Admin actions shared by the API and the console; each checks the admin's municipality and writes the fleet audit.</summary>
public sealed partial class FleetActions(Inventory inventory, DeviceRegistry registry, DeviceTrustCache trust, EnrolmentService enrolment,
    AdminStore admins, FleetAudit audit)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex MunicipalityPattern();

    /// <summary>Creates or renames a store in a municipality the admin may manage.</summary>
    public async Task CreateStoreAsync(AdminPrincipal admin, string? storeId, string? municipality, string? name, CancellationToken ct)
    {
        if (storeId is null || !IdPattern().IsMatch(storeId)) throw new FleetProblem(400, "bad-request", "Store id: letters, digits, . _ - (max 64).");
        if (municipality is null || !MunicipalityPattern().IsMatch(municipality))
            throw new FleetProblem(400, "bad-request", "Municipality code: six digits.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new FleetProblem(400, "bad-request", "Store name: 1 to 200 characters.");
        if (!admin.CanSee(municipality)) throw await DeniedAsync(admin, "store.create", storeId, ct);
        var existing = await inventory.StoreAsync(new AdminPrincipal("system", null), storeId, ct);
        // Another municipality's store id must not be taken over by renaming it.
        if (existing is not null && !admin.CanSee(existing.MunicipalityCode)) throw await DeniedAsync(admin, "store.create", storeId, ct);
        await registry.UpsertStoreAsync(storeId, municipality, name.Trim(), ct);
        await audit.RecordAsync(admin.Username, municipality, "store.create", storeId, "ok", ct);
    }

    /// <summary>Creates a one-time enrolment token for a store the admin may manage.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateTokenAsync(AdminPrincipal admin, string storeId, TimeSpan? lifetime,
        CancellationToken ct)
    {
        var store = await inventory.StoreAsync(admin, storeId, ct) ?? throw await NotFoundAsync(admin, "token.create", storeId, ct);
        if (lifetime is { } l && (l <= TimeSpan.Zero || l > TimeSpan.FromDays(7)))
            throw new FleetProblem(400, "bad-request", "Token lifetime: 1 minute to 7 days.");
        var created = await enrolment.CreateTokenAsync(store.StoreId, admin.Username, lifetime, ct);
        await audit.RecordAsync(admin.Username, store.MunicipalityCode, "token.create", store.StoreId, "ok", ct);
        return created;
    }

    /// <summary>Revokes a device the admin may manage; the trust cache reloads now, so the next handshake is refused.</summary>
    public async Task<DeviceView> RevokeAsync(AdminPrincipal admin, string deviceId, string? reason, CancellationToken ct)
    {
        var device = (await inventory.DevicesAsync(admin, ct)).FirstOrDefault(d => d.DeviceId == deviceId)
            ?? throw await NotFoundAsync(admin, "device.revoke", deviceId, ct);
        var why = string.IsNullOrWhiteSpace(reason) ? "revoked by " + admin.Username : reason.Trim();
        if (why.Length > 200) throw new FleetProblem(400, "bad-request", "Reason: at most 200 characters.");
        await registry.RevokeDeviceAsync(device.DeviceId, why, ct);
        await trust.RefreshAsync(ct);
        await audit.RecordAsync(admin.Username, device.MunicipalityCode, "device.revoke", deviceId, "ok", ct);
        return device with { Revoked = true };
    }

    /// <summary>Creates another admin; only fleet-wide admins may, and a municipality admin account is limited to its code.</summary>
    public async Task CreateAdminAsync(AdminPrincipal admin, string? username, string? password, string? municipality, CancellationToken ct)
    {
        if (!admin.IsFleetWide) throw await DeniedAsync(admin, "admin.create", username ?? "", ct);
        if (username is null || !IdPattern().IsMatch(username)) throw new FleetProblem(400, "bad-request", "User name: letters, digits, . _ - (max 64).");
        if (password is null || password.Length < 12) throw new FleetProblem(400, "bad-request", "Password: at least 12 characters.");
        if (municipality is not null && !MunicipalityPattern().IsMatch(municipality))
            throw new FleetProblem(400, "bad-request", "Municipality code: six digits, or none for fleet-wide.");
        if (!await admins.CreateIfMissingAsync(username, password, municipality, ct))
            throw new FleetProblem(409, "exists", "That user name is taken.");
        await audit.RecordAsync(admin.Username, municipality, "admin.create", username, "ok", ct);
    }

    private async Task<FleetProblem> DeniedAsync(AdminPrincipal admin, string action, string target, CancellationToken ct)
    {
        await audit.RecordAsync(admin.Username, admin.Municipality, action, target, "denied", ct);
        return new FleetProblem(403, "forbidden", "This belongs to another municipality.");
    }

    private async Task<FleetProblem> NotFoundAsync(AdminPrincipal admin, string action, string target, CancellationToken ct)
    {
        // Same answer for "absent" and "another municipality's": an admin learns nothing about other municipalities.
        await audit.RecordAsync(admin.Username, admin.Municipality, action, target, "not-found", ct);
        return new FleetProblem(404, "not-found", "No such item in your municipality.");
    }
}
