using System.Net;
using System.Text;

namespace Kiosk.HostBridge.Fleet.Renewal;

/// <summary>The console's certificate expiry overview with a "Renew" (flag) button per device, and the certificates renewals superseded.</summary>
public static class RenewalConsole
{
    /// <summary>Maps <c>POST /fleet/renew</c> on the console's protected post group.</summary>
    public static void MapConsoleRenewal(this RouteGroupBuilder posts)
    {
        posts.MapPost("/renew", async (HttpContext http, CertificateRenewal renewal, Inventory inventory) =>
        {
            var form = await FormBodies.ReadAsync(http, "the console's form");
            await renewal.FlagAsync(http.Admin(), form["deviceId"].ToString(), inventory, http.RequestAborted);
            return Results.Redirect("/fleet");
        });
    }

    /// <summary>Appends the expiry overview (soonest first) and the renewal history.</summary>
    public static void AppendExpiry(StringBuilder b, IReadOnlyList<DeviceView> devices, RenewalOverview overview, DateTimeOffset now)
    {
        b.Append("<h2>Certificate expiry</h2><table id=\"expiry\"><tr><th>Device</th><th>Serial</th><th>Until</th><th>Days left</th><th>Renewal</th></tr>");
        foreach (var d in devices.Where(d => !d.Revoked).OrderBy(d => d.CertNotAfter))
        {
            b.Append("<tr data-device=\"").Append(E(d.DeviceId)).Append("\"><td>").Append(E(d.DeviceId)).Append("</td><td>").Append(E(d.CertSerial))
                .Append("</td><td>").Append(d.CertNotAfter.ToString("yyyy-MM-dd")).Append("</td><td>")
                .Append((int)Math.Floor((d.CertNotAfter - now).TotalDays)).Append("</td><td class=\"renewal\">");
            if (overview.Flagged.Contains(d.DeviceId)) b.Append("requested (at the device's next certificate check)");
            else
                b.Append("<form method=\"post\" action=\"/fleet/renew\"><input type=\"hidden\" name=\"deviceId\" value=\"").Append(E(d.DeviceId))
                    .Append("\"><button>Renew</button></form>");
            b.Append("</td></tr>");
        }
        b.Append("</table>");
        b.Append("<h3>Renewed certificates</h3><table id=\"renewed\"><tr><th>Device</th><th>Old serial</th><th>New serial</th><th>Renewed (UTC)</th><th>Old one</th></tr>");
        foreach (var r in overview.Renewed)
            b.Append("<tr><td>").Append(E(r.DeviceId)).Append("</td><td>").Append(E(r.OldSerial)).Append("</td><td>").Append(E(r.NewSerial))
                .Append("</td><td>").Append(r.RenewedAt.ToString("yyyy-MM-dd HH:mm")).Append("</td><td>")
                .Append(r.RetiredAt is { } at ? "retired " + at.ToString("yyyy-MM-dd HH:mm") : "valid until the new one is used").Append("</td></tr>");
        b.Append("</table>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
