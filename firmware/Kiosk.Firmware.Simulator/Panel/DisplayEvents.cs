using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Panel;

/// <summary>Server-sent events: one "frame" event each time the core shows a new frame, so the image refreshes without polling.</summary>
public static class DisplayEvents
{
    /// <summary>Streams frame versions until the browser goes away.</summary>
    public static async Task StreamAsync(Simulation sim, HttpContext ctx)
    {
        ctx.Response.Headers.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        var ct = ctx.RequestAborted;
        long version = -1;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    version = await sim.Board.Display.WaitForChangeAsync(version, beat.Token);
                    await ctx.Response.WriteAsync("event: frame\ndata: " + version + "\n\n", ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // A comment line keeps proxies and the browser from closing an idle stream.
                    await ctx.Response.WriteAsync(": idle\n\n", ct);
                }
                await ctx.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }
}
