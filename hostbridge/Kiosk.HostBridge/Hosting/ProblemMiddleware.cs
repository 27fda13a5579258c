using Kiosk.HostBridge.Api;

namespace Kiosk.HostBridge.Hosting;

/// <summary>Turns every failure into problem+json, times requests, and logs only codes and types — never bodies or exception messages.</summary>
public sealed class ProblemMiddleware(RequestDelegate next, BridgeMetrics metrics, ILogger<ProblemMiddleware> logger)
{
    /// <summary>Runs the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 && context.Response.ContentLength is null
                && context.Response.ContentType is null)
            {
                await ProblemResponses.WriteAsync(context, context.Response.StatusCode == 404 ? "not-found" : "method-not-allowed");
            }
        }
        catch (KioskProblemException e) when (!context.Response.HasStarted)
        {
            metrics.Failure(e.Code);
            await ProblemResponses.WriteAsync(context, e.Code, e.Detail);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload-too-large" : "bad-request";
            metrics.Failure(code);
            await ProblemResponses.WriteAsync(context, code);
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // The form reader's refusal of a body it cannot decode: the caller's mistake, not the bridge's.
            metrics.Failure("bad-request");
            await ProblemResponses.WriteAsync(context, "bad-request");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The terminal went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // Type and stack only: exception messages can carry values from the request.
            logger.LogError("Unhandled {ExceptionType} on {Path}: {Stack}", e.GetType().FullName, context.Request.Path.Value, e.StackTrace);
            metrics.Failure("internal");
            await ProblemResponses.WriteAsync(context, "internal");
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            if (route.StartsWith("/v1", StringComparison.Ordinal) || route == "unmatched")
                metrics.Request(route, context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
