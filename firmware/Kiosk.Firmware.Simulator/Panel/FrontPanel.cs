using System.Reflection;
using Kiosk.Firmware.Simulator.Board;
using Kiosk.Firmware.Simulator.Orchestration;
using Microsoft.Extensions.FileProviders;

namespace Kiosk.Firmware.Simulator.Panel;

/// <summary>The web front panel: the display image, the PIN pad, the card slot, the register button and the printed documents.</summary>
public static class FrontPanel
{
    /// <summary>Builds the panel's web app on 127.0.0.1:<paramref name="port"/> (0 = any free port); call StartAsync and read <see cref="UrlOf"/>.</summary>
    public static WebApplication Build(Simulation sim, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(FrontPanel).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();

        // Embedded, so the panel works the same from `dotnet run`, from an installed copy and from a test's output folder.
        var assets = new EmbeddedFileProvider(typeof(FrontPanel).Assembly, "Kiosk.Firmware.Simulator.wwwroot");
        app.UseStaticFiles(new StaticFileOptions { FileProvider = assets, RequestPath = "/assets" });

        app.MapGet("/", (HttpContext ctx) => Results.Content(PanelPage.Render(sim), "text/html; charset=utf-8"));
        app.MapGet("/display.png", (HttpContext ctx) => DisplayImage(sim.Board.Display, ctx));
        app.MapGet("/events", (HttpContext ctx) => DisplayEvents.StreamAsync(sim, ctx));
        app.MapGet("/api/state", () => Results.Json(PanelState.Of(sim), PanelJson.Options));
        app.MapGet("/printed/{**name}", (string name) =>
        {
            string? path = sim.Printed.Resolve(name);
            return path == null ? Results.NotFound() : Results.File(path, "application/pdf", enableRangeProcessing: true);
        });

        app.MapPost("/api/keys/{name}", (string name, HttpContext ctx) =>
        {
            if (!KeyNames.TryParse(name, out var key)) return Problem(ctx, 400, "There is no key '" + name + "' on the PIN pad.");
            if (!sim.Board.Keypad.Press(key)) return Problem(ctx, 503, "The terminal is not reading keys right now; press again in a moment.");
            return Done(ctx);
        });
        app.MapPost("/api/card/tap", async (HttpContext ctx) =>
        {
            string? id = await FormValue(ctx, "resident");
            if (string.IsNullOrEmpty(id)) return Problem(ctx, 400, "Choose a test resident first.");
            return Act(ctx, () =>
            {
                if (!sim.Cards.Residents.Any(r => r.Id == id)) throw new ArgumentException("There is no test resident '" + id + "'.");
                sim.Cards.Tap(id);
            });
        });
        app.MapPost("/api/card/remove", (HttpContext ctx) => Act(ctx, sim.Cards.Remove));
        app.MapPost("/api/register/confirm", async (HttpContext ctx) =>
        {
            if (!sim.Register.Enabled) return Problem(ctx, 409, "Pay-at-register is off (the simulator runs with --payment free).");
            try
            {
                await sim.Register.ConfirmAsync(ctx.RequestAborted);
                return Done(ctx);
            }
            catch (PartMissingException e) { return Problem(ctx, 503, e.Message); }
            catch (InvalidOperationException e) { return Problem(ctx, 409, e.Message); }
        });
        return app;
    }

    /// <summary>The http:// URL the panel listens on, once started.</summary>
    public static string UrlOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
        string a = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("The front panel is not listening.");
        return a.TrimEnd('/') + "/";
    }

    private static IResult DisplayImage(FrameDisplay display, HttpContext ctx)
    {
        byte[] frame = display.Snapshot(out long version);
        string etag = "\"f" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
        ctx.Response.Headers.CacheControl = "no-cache";
        if (ctx.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(304);
        ctx.Response.Headers.ETag = etag;
        return Results.Bytes(PngEncoder.Encode1Bit(frame, FrameDisplay.Width, FrameDisplay.Height), "image/png");
    }

    private static IResult Act(HttpContext ctx, Action action)
    {
        try
        {
            action();
            return Done(ctx);
        }
        catch (PartMissingException e) { return Problem(ctx, 503, e.Message); }
        catch (ArgumentException e) { return Problem(ctx, 400, e.Message); }
        catch (InvalidOperationException e) { return Problem(ctx, 409, e.Message); }
    }

    // Forms work without JavaScript (303 back to the panel); the panel's script asks for JSON instead.
    private static bool FromScript(HttpContext ctx) => ctx.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    private static IResult Done(HttpContext ctx) => FromScript(ctx) ? Results.NoContent() : Results.Redirect("/", permanent: false, preserveMethod: false);

    private static IResult Problem(HttpContext ctx, int status, string message)
    {
        if (FromScript(ctx)) return Results.Problem(detail: message, statusCode: status);
        return Results.Content("<!doctype html><meta charset=utf-8><title>Kiosk simulator</title><p role=alert>"
            + System.Net.WebUtility.HtmlEncode(message) + "</p><p><a href=\"/\">Back to the front panel</a></p>", "text/html; charset=utf-8", null, status);
    }

    private static async Task<string?> FormValue(HttpContext ctx, string name)
    {
        if (!ctx.Request.HasFormContentType) return ctx.Request.Query[name].FirstOrDefault();
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        return form[name].FirstOrDefault();
    }

    internal static string AssetVersion { get; } =
        typeof(FrontPanel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.GetHashCode().ToString("x", System.Globalization.CultureInfo.InvariantCulture) ?? "1";
}
