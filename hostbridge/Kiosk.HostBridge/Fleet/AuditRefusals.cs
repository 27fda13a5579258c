namespace Kiosk.HostBridge.Fleet;

/// <summary>
/// Endpoint filter that audits an admin action refused for its input (400) or a conflict (409). Refusals for scope (403 denied, 404
/// not-found) are audited by <see cref="FleetActions"/> itself; without this filter a rejected call would leave no trace.
/// </summary>
public static class AuditRefusals
{
    /// <summary>Audits this endpoint's 400/409 refusals as <paramref name="action"/> with outcome <c>refused: code</c>.</summary>
    public static RouteHandlerBuilder AuditsRefusalsAs(this RouteHandlerBuilder endpoint, string action)
        => endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            try
            {
                return await next(invocation);
            }
            catch (FleetProblem problem) when (problem.Status is 400 or 409)
            {
                var http = invocation.HttpContext;
                var admin = http.Admin();
                var target = http.Request.RouteValues.TryGetValue("storeId", out var s) ? s as string
                    : http.Request.RouteValues.TryGetValue("deviceId", out var d) ? d as string : null;
                await http.RequestServices.GetRequiredService<FleetAudit>().RecordAsync(admin.Username, admin.Municipality, action,
                    target is { Length: > 0 and <= 64 } ? target : "-", "refused: " + problem.Code, CancellationToken.None);
                throw;
            }
        });
}
