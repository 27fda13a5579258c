namespace Kiosk.Load.Faults;

/// <summary>Middleware in front of the reference municipality's API: some requests slow, some held past the bridge's timeout,
/// some answered 503 — the failures the bridge's retries and circuit breaker must turn into a clean refusal, never a wrong paper.</summary>
public sealed class MunicipalFaults(FaultDice dice, FaultRates rates, TimeSpan hold)
{
    private long _slow, _held, _errors;

    /// <summary>Requests slowed, held past the timeout, and failed.</summary>
    public (long Slow, long Held, long Errors) Counts => (Interlocked.Read(ref _slow), Interlocked.Read(ref _held), Interlocked.Read(ref _errors));

    /// <summary>Runs before the municipality's endpoints.</summary>
    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (!http.Request.Path.StartsWithSegments("/v1"))
        {
            await next();
            return;
        }
        if (dice.Chance(rates.MunicipalityError))
        {
            Interlocked.Increment(ref _errors);
            http.Response.StatusCode = 503;
            http.Response.ContentType = "application/problem+json";
            await http.Response.WriteAsync("{\"type\":\"about:blank\",\"title\":\"injected outage\",\"status\":503,\"code\":\"unavailable\"}");
            return;
        }
        if (dice.Chance(rates.MunicipalityTimeout))
        {
            Interlocked.Increment(ref _held);
            try { await Task.Delay(hold, http.RequestAborted); } catch (OperationCanceledException) { return; }
        }
        else if (dice.Chance(rates.MunicipalitySlow))
        {
            Interlocked.Increment(ref _slow);
            await Task.Delay(dice.Between(50, 400));
        }
        await next();
    }
}
