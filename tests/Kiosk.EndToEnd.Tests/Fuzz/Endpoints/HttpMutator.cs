using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>
/// Seeded mutations of the parts of an HTTP request: method, path segments, query, headers and bodies (structure-aware JSON edits of valid bodies,
/// form and multipart bodies, byte-level edits). Planted My Numbers and PINs ride along so the oracle can check they are never echoed.
/// </summary>
public static class HttpMutator
{
    /// <summary>Valid-looking individual numbers (check digit right), planted into inputs; none may come back in an answer or a log.</summary>
    public static readonly string[] PlantedMyNumbers = [Plant("12345678901"), Plant("98765432109"), Plant("31415926535")];

    /// <summary>A PIN planted under pin-like names; the name and value must never come back.</summary>
    public const string PlantedPin = "4071";

    private static string Plant(string first11) => first11 + MyNumberCheckDigit.Compute(first11);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "FUZZ", ""];

    private static readonly string[] Segments =
    [
        "", "x", "%00", "..", "..%2F..", "%2F", "%2e%2e", "%FF%FE", "%", "%zz", "%E3%81%82", "\u3042", "a b", "a+b", "{sid}", "null", "0", "-1",
        "99999999999999999999", "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff", "AAAA", "a;b=c", "a?b", "a#b", "%23", "%3F",
        "CON", "nul.txt", "\t", "%0d%0aX-Injected:%201", "'; DROP TABLE orders;--",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "x", "null", "true", "0", "-1", "1e309", "NaN", "\u0000", "\uFFFD", "\uD800", "\u3042\u3044\u3046", "<script>alert(1)</script>", "../../etc/passwd",
        "%00", "a\nb", "\"", "\\", "juminhyo", "honseki", "m1", "succeeded", "failed", "1.0.0", "2.0.0", "131016", "store-1", "01:00", "25:61",
        "2026-03-22T00:00:00Z", "AAAA", "////", "=", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
    ];

    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "2", "100", "99999999999", "-99999999999", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "1.5", "1e3", "1E+400", "-0", "0.0000001", "0.5", "1.0", "3.4028235E+39",
    ];

    /// <summary>The route's own method most of the time, sometimes another or an invalid one.</summary>
    public static string Method(Random random, string routeMethod) => random.Next(8) == 0 ? Methods[random.Next(Methods.Length)] : routeMethod;

    /// <summary>A path segment: a known id most of the time, otherwise a hostile one (escapes, traversal, huge, unicode, planted numbers).</summary>
    public static string Segment(Random random, IReadOnlyList<string> known)
    {
        var pick = random.Next(10);
        if (pick < 5 && known.Count > 0) return Uri.EscapeDataString(known[random.Next(known.Count)]);
        if (pick == 5 && known.Count > 0)
        {
            var k = known[random.Next(known.Count)];
            return k.Length == 0 ? "x" : Uri.EscapeDataString(k[..random.Next(k.Length)] + (char)random.Next(32, 127) + k[random.Next(k.Length)..]);
        }
        if (pick == 6) return new string((char)('a' + random.Next(26)), random.Next(1, 5000));
        if (pick == 7) return PlantedMyNumbers[random.Next(PlantedMyNumbers.Length)];
        return Segments[random.Next(Segments.Length)];
    }

    /// <summary>Fills a route template's {parameters} with segments.</summary>
    public static string Path(Random random, string template, IReadOnlyList<string> known)
    {
        var b = new StringBuilder();
        foreach (var part in template.Split('/'))
        {
            if (part.Length == 0) continue;
            b.Append('/').Append(part.StartsWith('{') ? Segment(random, known) : random.Next(60) == 0 ? Segment(random, known) : part);
        }
        if (random.Next(30) == 0) b.Append('/');
        if (random.Next(40) == 0) b.Append("/extra");
        return b.Length == 0 ? "/" : b.ToString();
    }

    /// <summary>A query string (with its '?', or empty): known parameters with good and hostile values, duplicates, junk names.</summary>
    public static string Query(Random random, IReadOnlyList<string> names, IReadOnlyList<string> goodValues)
    {
        if (random.Next(3) == 0) return "";
        var b = new StringBuilder("?");
        var n = random.Next(1, 4);
        for (var i = 0; i < n; i++)
        {
            if (i > 0) b.Append(random.Next(10) == 0 ? ";" : "&");
            var name = names.Count > 0 && random.Next(4) != 0 ? names[random.Next(names.Count)] : Segments[random.Next(Segments.Length)];
            b.Append(name);
            if (random.Next(8) == 0) continue;
            b.Append('=');
            b.Append(goodValues.Count > 0 && random.Next(2) == 0 ? Uri.EscapeDataString(goodValues[random.Next(goodValues.Count)]) : Segment(random, goodValues));
        }
        return b.ToString();
    }

    /// <summary>Adds a random selection of the headers the bridge reads or could trip over.</summary>
    public static void Headers(Random random, List<KeyValuePair<string, string>> headers, string? contentType, string? origin = null)
    {
        var ct = random.Next(24) switch
        {
            0 => null,
            1 => "text/plain",
            2 => "application/json; charset=utf-16",
            3 => "multipart/form-data",
            4 => "multipart/form-data; boundary=",
            5 => "application/x-www-form-urlencoded",
            6 => ";;;",
            7 => "application/problem+json",
            _ => contentType,
        };
        if (ct is not null) headers.Add(new("Content-Type", ct));
        if (random.Next(3) == 0)
            headers.Add(new("Idempotency-Key", random.Next(4) switch { 0 => Guid.NewGuid().ToString(), 1 => "k", 2 => "", _ => Segment(random, []) }));
        if (random.Next(10) == 0) headers.Add(new("Range", Range(random)));
        if (random.Next(15) == 0) headers.Add(new("If-Range", random.Next(2) == 0 ? "\"abc\"" : "Wed, 21 Oct 2015 07:28:00 GMT"));
        if (random.Next(10) == 0) headers.Add(new("Cookie", Cookie(random)));
        if (random.Next(10) == 0 || origin is not null && random.Next(2) == 0)
            headers.Add(new("Origin", random.Next(3) switch { 0 => "https://evil.example", 1 => "null", _ => origin ?? "https://" + InProcessBridge.FleetHost }));
        if (random.Next(20) == 0) headers.Add(new("Sec-Fetch-Site", random.Next(2) == 0 ? "cross-site" : "same-origin"));
        if (random.Next(20) == 0) headers.Add(new("Authorization", random.Next(3) switch { 0 => "Bearer ", 1 => "Basic AAAA", _ => "Bearer " + Segment(random, []) }));
        if (random.Next(20) == 0) headers.Add(new("Accept", random.Next(2) == 0 ? "text/html" : "*/*;q=x"));
        if (random.Next(25) == 0) headers.Add(new("Transfer-Encoding", "chunked"));
        if (random.Next(25) == 0) headers.Add(new("X-Pin", PlantedPin));
        if (random.Next(25) == 0) headers.Add(new("X-Forwarded-For", PlantedMyNumbers[0]));
    }

    /// <summary>A Range header value: valid, overlapping, reversed, huge, malformed.</summary>
    public static string Range(Random random) => random.Next(14) switch
    {
        0 => "bytes=0-0",
        1 => "bytes=0-",
        2 => "bytes=-1",
        3 => "bytes=" + random.Next(0, 5000) + "-" + random.Next(0, 5000),
        4 => "bytes=0-1,2-3,4-5",
        5 => "bytes=" + long.MaxValue + "-",
        6 => "bytes=-" + long.MaxValue,
        7 => "bytes=5-1",
        8 => "bytes=",
        9 => "items=0-1",
        10 => "bytes=0-99999999999999999999999",
        11 => "bytes=" + string.Join(",", Enumerable.Range(0, random.Next(2, 300)).Select(i => i + "-" + i)),
        12 => "bytes=-0",
        _ => "bytes=" + random.Next(-5, 5) + "-" + random.Next(-5, 5),
    };

    private static string Cookie(Random random) => random.Next(5) switch
    {
        0 => "kiosk_admin=",
        1 => "kiosk_admin=" + Segment(random, []),
        2 => "kiosk_admin=a; kiosk_admin=b",
        3 => "=;;;==",
        _ => "kiosk_admin=" + new string('x', random.Next(1, 6000)),
    };

    /// <summary>A declared Content-Length: mostly the real one, sometimes none, zero, short, long or absurd.</summary>
    public static long? ContentLength(Random random, int actual) => random.Next(20) switch
    {
        0 => null,
        1 => 0,
        2 => Math.Max(0, actual - 1 - random.Next(actual + 1)),
        3 => actual + 1 + random.Next(100),
        4 => long.MaxValue,
        5 => 100_000_000,
        _ => actual,
    };

    /// <summary>A JSON body: a structure-aware edit of a valid sample (most inputs), a byte-level mutation, or a pathological document.</summary>
    public static byte[] Json(Random random, IReadOnlyList<string> samples)
    {
        var kind = random.Next(10);
        if (kind < 6)
        {
            var sample = samples[random.Next(samples.Count)];
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(sample);
            }
            catch (JsonException)
            {
                return Encoding.UTF8.GetBytes(sample);
            }
            var edits = 1 + random.Next(3);
            for (var i = 0; i < edits; i++) node = Edit(random, node, 0);
            var text = node?.ToJsonString() ?? "null";
            // Text-level edits the DOM cannot express: duplicate members, trailing data, comments, BOM.
            return random.Next(8) switch
            {
                0 when text.StartsWith('{') && text.Length > 2 => Encoding.UTF8.GetBytes("{" + text[1..^1] + "," + text[1..^1] + "}"),
                1 => Encoding.UTF8.GetBytes(text + (random.Next(2) == 0 ? " {}" : "/*c*/")),
                2 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
                _ => Encoding.UTF8.GetBytes(text),
            };
        }
        if (kind < 9) return FuzzRunner.Mutate(random, samples.Select(s => Encoding.UTF8.GetBytes(s)).ToList());
        return random.Next(5) switch
        {
            0 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 3000))),
            1 => Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', random.Next(1, 200_000)) + "\"}"),
            2 => Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, random.Next(1, 2000)).Select(i => "\"k" + i + "\":" + i)) + "}"),
            3 => [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],
            _ => Encoding.UTF8.GetBytes("{\"pin\":\"" + PlantedPin + "\",\"myNumber\":\"" + PlantedMyNumbers[1] + "\"}"),
        };
    }

    private static JsonNode? Edit(Random random, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) != 0:
            {
                var names = obj.Select(p => p.Key).ToList();
                var name = names[random.Next(names.Count)];
                switch (random.Next(5))
                {
                    case 0:
                        obj.Remove(name);
                        break;
                    case 1:
                        obj[name] = Edit(random, obj[name]?.DeepClone(), depth + 1);
                        break;
                    case 2:
                        obj[name] = Value(random, depth);
                        break;
                    case 3:
                        var value = obj[name]?.DeepClone();
                        obj.Remove(name);
                        obj[random.Next(2) == 0 ? name.ToUpperInvariant() : name + "_"] = value;
                        break;
                    default:
                        obj[name] = Edit(random, obj[name]?.DeepClone(), depth + 1);
                        break;
                }
                return obj;
            }
            case JsonObject obj:
                obj[random.Next(3) switch { 0 => "pin", 1 => "myNumber", _ => Strings[random.Next(Strings.Length)] }] = Value(random, depth);
                return obj;
            case JsonArray array when array.Count > 0 && random.Next(3) != 0:
            {
                var i = random.Next(array.Count);
                switch (random.Next(4))
                {
                    case 0:
                        array.RemoveAt(i);
                        break;
                    case 1:
                        array.Insert(i, array[i]?.DeepClone());
                        break;
                    default:
                        array[i] = random.Next(2) == 0 ? Value(random, depth) : Edit(random, array[i]?.DeepClone(), depth + 1);
                        break;
                }
                return array;
            }
            case JsonArray array:
                for (var n = random.Next(1, random.Next(2) == 0 ? 4 : 400); n > 0; n--) array.Add(Value(random, depth + 1));
                return array;
            default:
                return Value(random, depth);
        }
    }

    private static JsonNode? Value(Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 6 : 9))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
            case 3: return JsonValue.Create(Strings[random.Next(Strings.Length)]);
            case 4: return JsonValue.Create(random.Next(4) == 0 ? PlantedMyNumbers[random.Next(PlantedMyNumbers.Length)] : PlantedPin);
            case 5: return JsonValue.Create(new string('x', random.Next(0, random.Next(2) == 0 ? 64 : 20_000)));
            case 6: return new JsonArray(Value(random, depth + 1), Value(random, depth + 1));
            case 7: return new JsonObject { ["a"] = Value(random, depth + 1) };
            default:
                // Deep nesting beyond the readers' limits.
                JsonNode inner = JsonValue.Create(1);
                for (var i = random.Next(3, 80); i > 0; i--) inner = new JsonArray(inner);
                return inner;
        }
    }

    /// <summary>An application/x-www-form-urlencoded body from field lists: valid fields, dropped or repeated ones, bad escapes, huge values, planted secrets.</summary>
    public static byte[] Form(Random random, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> samples)
    {
        if (random.Next(8) == 0) return FuzzRunner.Mutate(random, samples.Select(s => Encoding.UTF8.GetBytes(Encode(s))).ToList());
        var fields = samples[random.Next(samples.Count)].ToList();
        for (var e = 1 + random.Next(3); e > 0; e--)
        {
            var i = fields.Count == 0 ? 0 : random.Next(fields.Count);
            switch (random.Next(7))
            {
                case 0 when fields.Count > 0:
                    fields.RemoveAt(i);
                    break;
                case 1 when fields.Count > 0:
                    fields.Add(fields[i]);
                    break;
                case 2 when fields.Count > 0:
                    fields[i] = new(fields[i].Key, Strings[random.Next(Strings.Length)]);
                    break;
                case 3 when fields.Count > 0:
                    fields[i] = new(fields[i].Key, new string('z', random.Next(1, 40_000)));
                    break;
                case 4:
                    fields.Add(new(random.Next(2) == 0 ? "pin" : "myNumber", random.Next(2) == 0 ? PlantedPin : PlantedMyNumbers[2]));
                    break;
                case 5 when fields.Count > 0:
                    fields[i] = new(fields[i].Key, Segment(random, []));
                    break;
                default:
                    fields.Add(new(Segments[random.Next(Segments.Length)], Strings[random.Next(Strings.Length)]));
                    break;
            }
        }
        var text = Encode(fields);
        return Encoding.UTF8.GetBytes(random.Next(10) switch { 0 => text + "&%ZZ=%", 1 => text.Replace("=", "", StringComparison.Ordinal), 2 => "&&&" + text + "&=", _ => text });
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields)
        => string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    /// <summary>A multipart/form-data body for <paramref name="boundary"/>: fields and a file part, with broken framing, missing parts and odd headers.</summary>
    public static byte[] Multipart(Random random, string boundary, IReadOnlyList<KeyValuePair<string, string>> fields, byte[] file)
    {
        var parts = fields.Select(f => (Name: f.Key, Value: Encoding.UTF8.GetBytes(f.Value), File: false)).ToList();
        parts.Add(("file", file, true));
        for (var e = random.Next(4); e > 0; e--)
        {
            var i = random.Next(parts.Count);
            switch (random.Next(6))
            {
                case 0:
                    parts.RemoveAt(i);
                    if (parts.Count == 0) parts.Add(("x", [], false));
                    break;
                case 1:
                    parts.Add(parts[i]);
                    break;
                case 2:
                    parts[i] = (parts[i].Name, Encoding.UTF8.GetBytes(Strings[random.Next(Strings.Length)]), parts[i].File);
                    break;
                case 3:
                    parts[i] = (parts[i].Name, FuzzRunner.Mutate(random, [parts[i].Value]), parts[i].File);
                    break;
                case 4:
                    parts[i] = (Segments[random.Next(Segments.Length)], parts[i].Value, parts[i].File);
                    break;
                default:
                    parts[i] = (parts[i].Name, parts[i].Value, !parts[i].File);
                    break;
            }
        }
        using var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        foreach (var (name, value, isFile) in parts)
        {
            Write("--" + boundary + "\r\n");
            Write("Content-Disposition: form-data; name=\"" + name + "\"" + (isFile ? "; filename=\"" + (random.Next(10) == 0 ? "../../x" : "bundle.bin") + "\"" : "") + "\r\n");
            if (isFile) Write("Content-Type: application/octet-stream\r\n");
            if (random.Next(30) == 0) Write("Content-Length: " + random.Next(-5, 100000) + "\r\n");
            Write("\r\n");
            body.Write(value);
            Write("\r\n");
        }
        Write("--" + boundary + "--\r\n");
        var bytes = body.ToArray();
        return random.Next(6) switch
        {
            0 => FuzzRunner.Mutate(random, [bytes]),
            1 => bytes[..random.Next(bytes.Length + 1)],
            2 => [.. bytes[..Math.Min(bytes.Length, 20)], .. Encoding.UTF8.GetBytes("\r\n--" + boundary + "\r\n\r\n\r\n")],
            _ => bytes,
        };
    }

    /// <summary>A body of random bytes, sometimes large.</summary>
    public static byte[] Binary(Random random)
    {
        var b = new byte[random.Next(20) == 0 ? random.Next(0, 300_000) : random.Next(0, 512)];
        random.NextBytes(b);
        return b;
    }
}
