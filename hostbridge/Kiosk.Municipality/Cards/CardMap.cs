using System.Text;

namespace Kiosk.Municipality.Cards;

/// <summary>
/// Serial (+ issuer) of a JPKI auth certificate → resident profile id. Loaded at startup from a file the card emulator
/// exports (or, in production, from the municipality's JPKI enrolment records); never keyed by a My Number.
/// </summary>
public sealed class CardMap
{
    private readonly Dictionary<string, CardBinding> _bySerial = new(StringComparer.Ordinal);

    public CardMap(IEnumerable<CardBinding> bindings)
    {
        foreach (var b in bindings)
        {
            var serial = NormalizeSerial(b.SerialHex)
                ?? throw new InvalidDataException($"Card map: serial '{b.SerialHex}' (profile {b.ProfileId}) is not hexadecimal.");
            if (!_bySerial.TryAdd(serial, b with { SerialHex = serial }))
                throw new InvalidDataException($"Card map: serial {serial} is bound twice.");
        }
    }

    /// <summary>Parses card map JSON text (any of the shapes <see cref="CardMapLoader"/> accepts).</summary>
    public static CardMap FromJson(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return CardMapLoader.Parse(doc.RootElement, "(inline)");
    }

    /// <summary>How many cards are bound.</summary>
    public int Count => _bySerial.Count;

    /// <summary>The profile id of this certificate, or null when the serial is unknown or bound under another issuer.</summary>
    public string? Resolve(string serialHex, string issuer)
    {
        var serial = NormalizeSerial(serialHex);
        if (serial is null || !_bySerial.TryGetValue(serial, out var binding)) return null;
        if (binding.Issuer is not null && NormalizeIssuer(binding.Issuer) != NormalizeIssuer(issuer)) return null;
        return binding.ProfileId;
    }

    /// <summary>The profile bound to a serial regardless of issuer (the issuer was checked when the resident was resolved).</summary>
    public string? ProfileOf(string serialHex) =>
        NormalizeSerial(serialHex) is { } s && _bySerial.TryGetValue(s, out var b) ? b.ProfileId : null;

    /// <summary>Upper-case hex of whole bytes without separators or leading zero bytes; null when not hex.</summary>
    public static string? NormalizeSerial(string? serial)
    {
        if (string.IsNullOrWhiteSpace(serial)) return null;
        var sb = new StringBuilder();
        foreach (var c in serial)
        {
            if (c is ':' or ' ' or '-') continue;
            if (!Uri.IsHexDigit(c)) return null;
            sb.Append(char.ToUpperInvariant(c));
        }
        if (sb.Length == 0) return null;
        // Canonical form: no leading zero bytes (DER sign byte, zero padding), but whole bytes (even length).
        var s = sb.ToString().TrimStart('0');
        if (s.Length == 0) return "00";
        return s.Length % 2 == 1 ? "0" + s : s;
    }

    /// <summary>The issuer's RDNs, trimmed and sorted, so "C=JP, O=JPKI, OU=x" equals "OU=x,O=JPKI,C=JP".</summary>
    public static string NormalizeIssuer(string issuer)
    {
        var parts = issuer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=');
                return eq < 0 ? p : p[..eq].Trim().ToUpperInvariant() + "=" + p[(eq + 1)..].Trim();
            })
            .Order(StringComparer.Ordinal);
        return string.Join(",", parts);
    }
}
