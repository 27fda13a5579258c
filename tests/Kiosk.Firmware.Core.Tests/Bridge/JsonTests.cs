using System.Collections;
using System.Text;
using System.Text.Json;
using Kiosk.Firmware.Core.Bridge.Json;
using JsonException = Kiosk.Firmware.Core.Bridge.Json.JsonException;

namespace Kiosk.Firmware.Core.Tests.Bridge;

public class JsonTests
{
    static object? Parse(string s) { var b = Encoding.UTF8.GetBytes(s); return JsonReader.Parse(b, 0, b.Length); }

    /// <summary>Random trees within the protocol's shapes: objects, arrays, strings (any BMP text, escapes), 64-bit integers, bools, null.</summary>
    static object? RandomValue(Random r, int depth)
    {
        var k = r.Next(depth > 4 ? 4 : 7);
        switch (k)
        {
            case 0: return null;
            case 1: return r.Next(2) == 0;
            case 2: return r.Next(3) == 0 ? (object)r.NextInt64(long.MinValue, long.MaxValue) : r.Next(int.MinValue, int.MaxValue);
            case 3: return RandomString(r);
            case 4: case 5:
                var h = new Hashtable();
                for (var i = r.Next(5); i > 0; i--) h[RandomString(r)] = RandomValue(r, depth + 1);
                return h;
            default:
                var a = new ArrayList();
                for (var i = r.Next(5); i > 0; i--) a.Add(RandomValue(r, depth + 1));
                return a;
        }
    }

    static string RandomString(Random r)
    {
        var sb = new StringBuilder();
        for (var i = r.Next(12); i > 0; i--)
        {
            var pick = r.Next(6);
            sb.Append(pick switch
            {
                0 => (char)r.Next(0, 0x20),
                1 => "\"\\/"[r.Next(3)],
                2 => (char)r.Next(0x3040, 0x30FF),
                3 => (char)r.Next(0x0E00, 0x0E5B),
                _ => (char)r.Next(0x20, 0x7F),
            });
        }
        return sb.ToString();
    }

    static void AssertSame(object? expected, JsonElement actual)
    {
        switch (expected)
        {
            case null: Assert.Equal(JsonValueKind.Null, actual.ValueKind); break;
            case bool b: Assert.Equal(b, actual.GetBoolean()); break;
            case int i: Assert.Equal(i, actual.GetInt64()); break;
            case long l: Assert.Equal(l, actual.GetInt64()); break;
            case string s: Assert.Equal(s, actual.GetString()); break;
            case Hashtable h:
                Assert.Equal(h.Count, actual.EnumerateObject().Count());
                foreach (var p in actual.EnumerateObject()) AssertSame(h[p.Name], p.Value);
                break;
            case ArrayList a:
                Assert.Equal(a.Count, actual.GetArrayLength());
                for (var i = 0; i < a.Count; i++) AssertSame(a[i], actual[i]);
                break;
            default: throw new InvalidOperationException();
        }
    }

    [Fact]
    public void Our_writer_is_read_identically_by_system_text_json()
    {
        var r = new Random(20261122);
        var w = new JsonWriter();
        for (var n = 0; n < 2000; n++)
        {
            var v = RandomValue(r, 0);
            w.Reset();
            w.Value(v);
            using var doc = JsonDocument.Parse(w.ToUtf8());
            AssertSame(v, doc.RootElement);
        }
    }

    [Fact]
    public void Our_reader_reads_system_text_json_output_identically()
    {
        var r = new Random(7);
        var w = new JsonWriter();
        for (var n = 0; n < 2000; n++)
        {
            var v = RandomValue(r, 0);
            w.Reset();
            w.Value(v);
            // Re-serialise with System.Text.Json (different escaping, \u sequences) and read it back with ours.
            using var doc = JsonDocument.Parse(w.ToUtf8());
            var theirs = JsonSerializer.SerializeToUtf8Bytes(doc.RootElement, new JsonSerializerOptions { WriteIndented = n % 2 == 0 });
            var ours = JsonReader.Parse(theirs, 0, theirs.Length);
            AssertSame(ours, doc.RootElement);
        }
    }

    [Fact]
    public void Protocol_shapes_parse()
    {
        var h = (Hashtable)Parse("{ \"products\" : [ {\"code\":\"juminhyo\",\"available\":true,\"reason\":null,\"feeYen\":300} ], \"n\": -2147483648, \"big\": 9223372036854775807 }")!;
        var p = (Hashtable)((ArrayList)h["products"]!)[0]!;
        Assert.Equal("juminhyo", p["code"]);
        Assert.Equal(true, p["available"]);
        Assert.True(p.Contains("reason") && p["reason"] == null);
        Assert.Equal(300, p["feeYen"]);
        Assert.Equal(int.MinValue, h["n"]);
        Assert.Equal(long.MaxValue, h["big"]);
        Assert.Equal("é漢\u0001", Parse("\"\\u00e9漢\\u0001\""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("[1,]")]
    [InlineData("01")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"abc")]
    [InlineData("\"a\u0001\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("tru")]
    [InlineData("{} {}")]
    [InlineData("99999999999999999999")]
    [InlineData("-")]
    [InlineData("{1:2}")]
    public void Malformed_input_is_a_json_exception(string text)
    {
        Assert.Throws<JsonException>(() => Parse(text));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        Assert.Throws<JsonException>(() => Parse(new string('[', 100_000)));
        Assert.NotNull(Parse(new string('[', 20) + new string(']', 20)));
    }

    [Fact]
    public void Random_and_mutated_input_never_crashes()
    {
        var r = new Random(42);
        var w = new JsonWriter();
        var seeds = new List<byte[]>();
        for (var i = 0; i < 50; i++) { w.Reset(); w.Value(RandomValue(r, 0)); seeds.Add(w.ToUtf8()); }
        for (var n = 0; n < 20_000; n++)
        {
            byte[] input;
            if (n % 3 == 0) { input = new byte[r.Next(64)]; r.NextBytes(input); }
            else
            {
                input = (byte[])seeds[r.Next(seeds.Count)].Clone();
                for (var m = r.Next(1, 4); m > 0 && input.Length > 0; m--) input[r.Next(input.Length)] = (byte)r.Next(256);
                if (r.Next(4) == 0) input = input[..r.Next(input.Length + 1)];
            }
            try { JsonReader.Parse(input, 0, input.Length); }
            catch (JsonException) { }
        }
    }

    [Fact]
    public void Offsets_and_counts_are_honoured()
    {
        var b = Encoding.UTF8.GetBytes("xx{\"a\":1}yy");
        Assert.Equal(1, ((Hashtable)JsonReader.Parse(b, 2, 7)!)["a"]);
    }
}
