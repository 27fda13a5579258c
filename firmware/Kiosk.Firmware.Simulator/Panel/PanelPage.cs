using System.Net;
using System.Text;
using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Panel;

/// <summary>Renders the front panel page on the server; the script in /assets/panel.js only refreshes it.</summary>
public static class PanelPage
{
    // The 4x4 pad: label shown, key name posted, accessible name.
    private static readonly (string Label, string Key, string Name)[] Pad =
    [
        ("1", "1", "1"), ("2", "2", "2"), ("3", "3", "3"), ("Cancel", "cancel", "Cancel"),
        ("4", "4", "4"), ("5", "5", "5"), ("6", "6", "6"), ("Clear", "clear", "Clear"),
        ("7", "7", "7"), ("8", "8", "8"), ("9", "9", "9"), ("Back", "back", "Back (delete last digit)"),
        ("▲", "up", "Up"), ("0", "0", "0"), ("▼", "down", "Down"), ("Enter", "enter", "Enter"),
    ];

    /// <summary>The whole page for the current state.</summary>
    public static string Render(Simulation sim)
    {
        var s = new StringBuilder(8192);
        string v = FrontPanel.AssetVersion;
        s.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>Kiosk simulator — front panel</title>\n")
         .Append("<link rel=\"stylesheet\" href=\"/assets/panel.css?v=").Append(v).Append("\">\n")
         .Append("<script src=\"/assets/panel.js?v=").Append(v).Append("\" defer></script>\n</head>\n<body>\n")
         .Append("<header><h1>Kiosk simulator</h1><p class=\"sub\">A convenience-store terminal: tap a test resident's My Number Card, type the PIN, get a certificate printed.</p></header>\n")
         .Append("<main>\n");

        // The terminal itself: display, LED and PIN pad.
        s.Append("<section class=\"terminal\" aria-labelledby=\"terminal-h\">\n<h2 id=\"terminal-h\">Terminal</h2>\n")
         .Append("<div class=\"bezel\"><img id=\"screen\" src=\"/display.png\" width=\"320\" height=\"240\" alt=\"The terminal's display (320 by 240 pixels)\"></div>\n")
         .Append("<details class=\"screen-text\"><summary>Screen as text (<span id=\"terminal-state\">")
         .Append(Enc(sim.Terminal?.Snapshot.StateName ?? "not running")).Append("</span>)</summary><pre id=\"screen-text\" aria-live=\"polite\">")
         .Append(Enc(sim.Terminal?.Snapshot.ScreenText ?? "")).Append("</pre></details>\n")
         .Append("<p class=\"leds\"><span id=\"led\" class=\"led led-").Append(Enc(sim.Board.Indicators.Led)).Append("\" role=\"status\" aria-label=\"Status light: ")
         .Append(Enc(sim.Board.Indicators.Led)).Append("\"></span> <span id=\"beep\" aria-live=\"polite\"></span></p>\n")
         .Append("<form class=\"pad\" method=\"post\" action=\"/api/keys/enter\" aria-label=\"PIN pad\">\n");
        foreach (var (label, key, name) in Pad)
        {
            s.Append("<button type=\"submit\" formaction=\"/api/keys/").Append(key).Append("\" data-key=\"").Append(key)
             .Append("\" class=\"key key-").Append(key.Length == 1 ? "digit" : key).Append("\" aria-label=\"").Append(Enc(name)).Append("\">")
             .Append(Enc(label)).Append("</button>\n");
        }
        s.Append("</form>\n<p class=\"hint\">Keyboard: digits, Enter, Esc = Cancel, Backspace = Back, Delete = Clear, ↑/↓. ")
         .Append("Choose the language on the first screen with ▲/▼ (or its number) and Enter.</p>\n</section>\n");

        // The card slot.
        s.Append("<div class=\"side\">\n<section class=\"card\" aria-labelledby=\"card-h\">\n<h2 id=\"card-h\">My Number Card</h2>\n");
        var residents = sim.Cards.Residents;
        if (residents.Count == 0)
        {
            s.Append("<p class=\"missing\" role=\"note\">No virtual cards: ").Append(Enc(MissingReason(sim, "Card emulator"))).Append("</p>\n");
        }
        s.Append("<form method=\"post\" action=\"/api/card/tap\" id=\"tap-form\">\n<label for=\"resident\">Test resident</label>\n")
         .Append("<select id=\"resident\" name=\"resident\"").Append(residents.Count == 0 ? " disabled" : "").Append(">\n");
        foreach (var r in residents)
        {
            s.Append("<option value=\"").Append(Enc(r.Id)).Append('"').Append(r.Id == sim.Cards.PresentId ? " selected" : "").Append('>')
             .Append(Enc(r.Label));
            if (r.TestPin != null) s.Append(" — test PIN ").Append(Enc(r.TestPin));
            if (r.Note.Length > 0) s.Append(" (").Append(Enc(r.Note)).Append(')');
            s.Append("</option>\n");
        }
        s.Append("</select>\n<div class=\"row\"><button type=\"submit\" id=\"tap\">Tap card</button>")
         .Append("<button type=\"submit\" id=\"remove\" formaction=\"/api/card/remove\">Remove card</button></div>\n</form>\n")
         .Append("<p id=\"card-state\" role=\"status\">").Append(Enc(CardText(sim))).Append("</p>\n</section>\n");

        // The store's register.
        s.Append("<section class=\"register\" aria-labelledby=\"register-h\"").Append(sim.Register.Enabled ? "" : " hidden").Append(">\n")
         .Append("<h2 id=\"register-h\">Store register</h2>\n<p>The terminal shows a payment code; the clerk confirms it at the POS.</p>\n")
         .Append("<form method=\"post\" action=\"/api/register/confirm\"><button type=\"submit\" id=\"pay\">Pay at register</button></form>\n")
         .Append("<p id=\"pay-code\" role=\"status\">").Append(Enc(sim.Register.PendingCode == null ? "No payment waiting." : "Waiting: code " + sim.Register.PendingCode)).Append("</p>\n</section>\n");

        // The printer's output tray.
        s.Append("<section class=\"printed\" aria-labelledby=\"printed-h\">\n<h2 id=\"printed-h\">Printed documents</h2>\n<ul id=\"documents\" aria-live=\"polite\">\n");
        var docs = PanelState.Of(sim).Documents;
        if (docs.Count == 0) s.Append("<li class=\"none\">Nothing printed yet.</li>\n");
        foreach (var d in docs) s.Append("<li><a href=\"").Append(Enc(d.Url)).Append("\">").Append(Enc(d.Name)).Append("</a></li>\n");
        s.Append("</ul>\n</section>\n");

        // What runs.
        s.Append("<section class=\"parts\" aria-labelledby=\"parts-h\">\n<h2 id=\"parts-h\">Parts</h2>\n<ul id=\"parts\">\n");
        foreach (var p in sim.Parts.All)
        {
            s.Append("<li class=\"").Append(p.Running ? "ok" : "missing").Append("\"><strong>").Append(Enc(p.Name)).Append("</strong>: ")
             .Append(p.Running ? "" : "not available — ").Append(Enc(p.Detail)).Append("</li>\n");
        }
        s.Append("</ul>\n</section>\n</div>\n</main>\n<div id=\"message\" role=\"alert\" aria-live=\"assertive\"></div>\n</body>\n</html>\n");
        return s.ToString();
    }

    private static string CardText(Simulation sim)
    {
        string? id = sim.Cards.PresentId;
        if (id == null) return "No card on the reader.";
        var r = sim.Cards.Residents.FirstOrDefault(x => x.Id == id);
        return "On the reader: " + (r?.Label ?? id);
    }

    private static string MissingReason(Simulation sim, string part)
    {
        var p = sim.Parts.All.FirstOrDefault(x => x.Name == part);
        return p == null ? "not started." : p.Detail;
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
