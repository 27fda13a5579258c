using Kiosk.HostBridge.Fleet.Renewal;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Routes of the fleet listener: <c>POST /v1/enroll</c> and the admin API under <c>/fleet/api</c> (JSON, bearer token).</summary>
public static class FleetApi
{
    /// <summary>Maps the enrolment endpoint, the admin API and the console.</summary>
    public static void MapFleet(this WebApplication app)
    {
        var root = app.MapGroup("").AddEndpointFilter(FleetListener.OnlyOnFleetListener).AddEndpointFilter(FleetResults.CatchProblems);
        root.MapPost("/v1/enroll", Enrol);
        root.MapPost("/fleet/api/login", Login);

        var api = root.MapGroup("/fleet/api").AddEndpointFilter(AdminAuth.RequireAdmin);
        api.MapPost("/logout", Logout);
        api.MapGet("/me", (HttpContext http) => FleetResults.Ok(http.Admin()));
        api.MapGet("/stores", async (HttpContext http, Inventory inv) => FleetResults.Ok(await inv.StoresAsync(http.Admin(), http.RequestAborted)));
        api.MapPost("/stores", CreateStore).AuditsRefusalsAs("store.create");
        api.MapPost("/stores/{storeId}/enrolment-tokens", CreateToken).AuditsRefusalsAs("token.create");
        api.MapGet("/devices", async (HttpContext http, Inventory inv) => FleetResults.Ok(await inv.DevicesAsync(http.Admin(), http.RequestAborted)));
        api.MapPost("/devices/{deviceId}/revoke", Revoke).AuditsRefusalsAs("device.revoke");
        api.MapGet("/alerts", Alerts);
        api.MapGet("/certificates", Certificates);
        api.MapGet("/audit", async (HttpContext http, FleetAudit audit) => FleetResults.Ok(await audit.ListAsync(http.Admin(), 500, http.RequestAborted)));
        api.MapPost("/admins", CreateAdmin).AuditsRefusalsAs("admin.create");
        api.MapAdminRenewal();

        FleetConsole.Map(root);
        app.MapDeviceRenewal();
        Rollouts.RolloutApi.Map(app, root);
    }

    private static async Task<IResult> Enrol(HttpContext http, EnrolmentService enrolment)
    {
        var request = await FleetResults.ReadAsync<EnrolRequest>(http);
        if (string.IsNullOrEmpty(request.Token) || string.IsNullOrEmpty(request.Csr))
            throw new FleetProblem(400, "bad-request", "Both \"token\" and \"csr\" are required.");
        return FleetResults.Ok(await enrolment.EnrolAsync(request.Token, request.Csr, request.StoreId, http.RequestAborted), 201);
    }

    private sealed record LoginRequest(string? Username, string? Password);

    private static async Task<IResult> Login(HttpContext http, AdminStore admins, FleetAudit audit, AdminLoginThrottle throttle)
    {
        var request = await FleetResults.ReadAsync<LoginRequest>(http);
        var address = http.Connection.RemoteIpAddress;
        if (!await throttle.MayTryAsync(request.Username ?? "", address, http.RequestAborted))
        {
            await audit.RecordAsync(request.Username is { Length: <= 64 } t ? t : "?", null, "admin.login", "-", "throttled", http.RequestAborted);
            return FleetResults.Problem(429, "too-many-attempts", "Too many failed logins; wait 15 minutes or ask another admin.");
        }
        var result = await admins.LoginAsync(request.Username ?? "", request.Password ?? "", http.RequestAborted);
        if (result is not { } ok)
        {
            await throttle.FailedAsync(request.Username ?? "", address, http.RequestAborted);
            await audit.RecordAsync(request.Username is { Length: <= 64 } u ? u : "?", null, "admin.login", "-", "refused", http.RequestAborted);
            return FleetResults.Problem(401, "login-refused", "Wrong user name or password.");
        }
        await audit.RecordAsync(ok.Admin.Username, ok.Admin.Municipality, "admin.login", "-", "ok", http.RequestAborted);
        return FleetResults.Ok(new { token = ok.Token, admin = ok.Admin });
    }

    private static async Task<IResult> Logout(HttpContext http, AdminStore admins, FleetAudit audit)
    {
        await admins.LogoutAsync(AdminAuth.Token(http)!, http.RequestAborted);
        var admin = http.Admin();
        await audit.RecordAsync(admin.Username, admin.Municipality, "admin.logout", "-", "ok", http.RequestAborted);
        return Results.NoContent();
    }

    private sealed record StoreRequest(string? StoreId, string? MunicipalityCode, string? Name);

    private static async Task<IResult> CreateStore(HttpContext http, FleetActions actions)
    {
        var r = await FleetResults.ReadAsync<StoreRequest>(http);
        await actions.CreateStoreAsync(http.Admin(), r.StoreId, r.MunicipalityCode, r.Name, http.RequestAborted);
        return FleetResults.Ok(new { storeId = r.StoreId }, 201);
    }

    private sealed record TokenRequest(int? ValidMinutes);

    private static async Task<IResult> CreateToken(HttpContext http, string storeId, FleetActions actions)
    {
        var r = http.Request.ContentLength is > 0 ? await FleetResults.ReadAsync<TokenRequest>(http) : new TokenRequest(null);
        var (token, expires) = await actions.CreateTokenAsync(http.Admin(), storeId, r.ValidMinutes is { } m ? TimeSpan.FromMinutes(m) : null,
            http.RequestAborted);
        return FleetResults.Ok(new { token, storeId, expiresAt = expires }, 201);
    }

    private sealed record RevokeRequest(string? Reason);

    private static async Task<IResult> Revoke(HttpContext http, string deviceId, FleetActions actions)
    {
        var r = http.Request.ContentLength is > 0 ? await FleetResults.ReadAsync<RevokeRequest>(http) : new RevokeRequest(null);
        return FleetResults.Ok(await actions.RevokeAsync(http.Admin(), deviceId, r.Reason, http.RequestAborted));
    }

    private static async Task<IResult> Alerts(HttpContext http, Inventory inv)
    {
        var devices = await inv.DevicesAsync(http.Admin(), http.RequestAborted);
        return FleetResults.Ok(devices.Where(d => d.Alerts.Count > 0).Select(d => new { d.DeviceId, d.StoreId, d.LastHeartbeat, d.Alerts }));
    }

    private static async Task<IResult> Certificates(HttpContext http, Inventory inv, TimeProvider clock)
    {
        var devices = await inv.DevicesAsync(http.Admin(), http.RequestAborted);
        return FleetResults.Ok(devices.Where(d => !d.Revoked).OrderBy(d => d.CertNotAfter)
            .Select(d => new { d.DeviceId, d.StoreId, d.CertSerial, notAfter = d.CertNotAfter, daysLeft = (int)Math.Floor((d.CertNotAfter - clock.GetUtcNow()).TotalDays) }));
    }

    private sealed record AdminRequest(string? Username, string? Password, string? MunicipalityCode);

    private static async Task<IResult> CreateAdmin(HttpContext http, FleetActions actions)
    {
        var r = await FleetResults.ReadAsync<AdminRequest>(http);
        await actions.CreateAdminAsync(http.Admin(), r.Username, r.Password, r.MunicipalityCode, http.RequestAborted);
        return FleetResults.Ok(new { username = r.Username }, 201);
    }
}
