using Xunit.Abstractions;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>The API check is not vacuous: each thing nanoFramework 1.17 lacks, compiled for real, is reported with its method.</summary>
public sealed class ApiCheckCanFailTests
{
    private static readonly Lazy<NanoApiListing> Listing = new(() => NanoApiListing.Load(RepoPaths.NanoApiFolder()));
    private readonly ITestOutputHelper _output;

    public ApiCheckCanFailTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string, string> Forbidden => new()
    {
        { "List<int>", "var l = new System.Collections.Generic.List<int>(); l.Add(n); return l.Count;", "System.Collections.Generic.List`1" },
        { "string.Join", "return string.Join(\",\", new string[] { \"a\", \"b\" }).Length;", "System.String::Join(" },
        { "char.IsDigit", "return char.IsDigit((char)n) ? 1 : 0;", "System.Char::IsDigit(System.Char)" },
        { "Encoding.UTF8.GetString(byte[])", "return System.Text.Encoding.UTF8.GetString(new byte[] { 65 }).Length;", "System.Text.Encoding::GetString(System.Byte[])" },
        { "interpolated string", "string s = $\"{n}\"; return s.Length;", "DefaultInterpolatedStringHandler" },
        { "LINQ", "return System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(new int[] { 1, n }, x => x > 0));", "System.Linq.Enumerable" },
        { "async/Task", "System.Func<System.Threading.Tasks.Task<int>> f = async () => { await System.Threading.Tasks.Task.Delay(n); return n; }; return f().Result;", "System.Threading.Tasks.Task" },
        { "tuple", "var t = (n, n + 1); return t.Item1 + t.Item2;", "System.ValueTuple`2" },
        { "span", "System.Span<byte> s = new byte[4]; s[0] = (byte)n; return s.Length;", "System.Span`1" },
        { "stackalloc span", "System.Span<byte> s = stackalloc byte[8]; return s.Length + n;", "System.Span`1" },
        { "nullable int", "int? x = n > 0 ? n : null; return x.HasValue ? x.Value : 0;", "System.Nullable`1" },
        { "Math.Clamp", "return System.Math.Clamp(n, 0, 10);", "System.Math::Clamp(" },
        { "Array.Empty", "return System.Array.Empty<object>().Length + n;", "System.Array::Empty" },
        { "string + char (span Concat on net10)", "string s = \"a\" + (char)n; return s.Length;", "System.String::Concat(System.ReadOnlySpan`1" },
        { "switch with a jump table then a generic call", "switch (n) { case 0: return 1; case 1: return 2; case 2: return 3; case 3: return 4; } return System.Array.Empty<int>().Length;", "generic method call System.Array::Empty" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Forbidden_construct_is_reported_with_the_method_using_it(string what, string body, string expectedKey)
    {
        var source = "public static class Snippet { public static int Use(int n) { " + body + " } }";

        var result = ApiSurfaceChecker.Check(AssemblyApiScanner.Scan(SnippetCompiler.Compile(source)), Listing.Value);
        _output.WriteLine(what + ":\n" + result.Report());

        var hit = result.Violations.FirstOrDefault(v => v.Key.Contains(expectedKey, StringComparison.Ordinal));
        Assert.True(hit != null, what + ": expected a violation containing '" + expectedKey + "'\n" + result.Report());
        Assert.Contains(result.Violations, v => v.Sources.Any(s => s.StartsWith("Snippet", StringComparison.Ordinal)));
    }

    [Fact]
    public void Span_property_initializer_in_PrivateImplementationDetails_is_reported()
    {
        const string source = """
            public static class Table
            {
                private static System.ReadOnlySpan<byte> Aid => new byte[] { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };
                public static int First() { return Aid[0]; }
            }
            """;

        var result = ApiSurfaceChecker.Check(AssemblyApiScanner.Scan(SnippetCompiler.Compile(source)), Listing.Value);
        _output.WriteLine(result.Report());

        var span = Assert.Single(result.Violations, v => v.Key.StartsWith("System.ReadOnlySpan`1<System.Byte>::.ctor(", StringComparison.Ordinal));
        Assert.Contains("Table::get_Aid()", span.Sources);
    }

    [Fact]
    public void Generic_definitions_in_the_assembly_itself_are_reported()
    {
        const string source = "public sealed class Box<T> { public T? Value; } public static class U { public static int Id<T>(T x) { return 0; } }";

        var result = ApiSurfaceChecker.Check(AssemblyApiScanner.Scan(SnippetCompiler.Compile(source)), Listing.Value);

        Assert.Contains(result.Violations, v => v.Key == "generic type definition Box`1");
        Assert.Contains(result.Violations, v => v.Key.StartsWith("generic method definition U::Id", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_snippet_in_the_nanoFramework_subset_passes()
    {
        // Exercises what the core relies on: array initializers (RuntimeHelpers.InitializeArray via <PrivateImplementationDetails>),
        // auto-properties (CompilerGenerated backing fields), string switch (ComputeStringHash), ArrayList, Hashtable,
        // StringBuilder, UTF-8 with offset/count, exceptions, enums, interfaces, delegates and events, nullable annotations.
        const string source = """
            using System;
            using System.Collections;
            using System.Text;

            public enum Mode { Idle, Busy }
            public delegate void Changed(object sender, Mode mode);
            public interface ISink { void Put(byte[] data, int offset, int count); }

            public sealed class Clean : ISink, IDisposable
            {
                private static readonly byte[] Aid = new byte[] { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03 };
                private readonly ArrayList _items = new ArrayList();
                private readonly Hashtable _byName = new Hashtable();

                public event Changed? OnChanged;
                public string Name { get; private set; } = "";
                public Mode Mode { get; set; }

                public void Put(byte[] data, int offset, int count)
                {
                    if (data == null) throw new ArgumentNullException("data");
                    if (count > Aid.Length) throw new ArgumentOutOfRangeException("count");
                    _items.Add(Encoding.UTF8.GetString(data, offset, count));
                    _byName["last"] = count;
                    OnChanged?.Invoke(this, Mode);
                }

                public string Describe(string key)
                {
                    switch (key)
                    {
                        case "one": return "1";
                        case "two": return "2";
                        case "three": return "3";
                        case "four": return "4";
                        case "five": return "5";
                        case "six": return "6";
                        case "seven": return "7";
                        default:
                            var sb = new StringBuilder();
                            sb.Append(Name).Append(':').Append(_items.Count);
                            return sb.ToString() + key + Aid.Length.ToString();
                    }
                }

                public void Dispose() { _items.Clear(); }
            }
            """;

        var result = ApiSurfaceChecker.Check(AssemblyApiScanner.Scan(SnippetCompiler.Compile(source)), Listing.Value);
        _output.WriteLine(result.Report());

        Assert.True(result.Violations.Count == 0, result.Report());
        Assert.Contains(result.Scan.Uses, u => u.Key == "System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray(System.Array,System.RuntimeFieldHandle)");
        Assert.Contains(result.Scan.Uses, u => u.Key == "System.Collections.Hashtable::set_Item(System.Object,System.Object)");
        Assert.Contains(result.Scan.Uses, u => u.Key == "System.String::get_Chars(System.Int32)");
    }

    [Fact]
    public void Missing_member_reported_precisely_names_the_member_and_the_method()
    {
        const string source = "public static class Pin { public static bool Ok(string s) { return s.Trim().StartsWith(\"0\", System.StringComparison.Ordinal); } }";

        var result = ApiSurfaceChecker.Check(AssemblyApiScanner.Scan(SnippetCompiler.Compile(source)), Listing.Value);

        Assert.Equal(
            new[] { "System.String::StartsWith(System.String,System.StringComparison)", "System.StringComparison" },
            result.Violations.Select(v => v.Key));
        Assert.All(result.Violations, v => Assert.Equal(new[] { "Pin::Ok(System.String)" }, v.Sources));
        Assert.Contains("used by Pin::Ok(System.String)", result.Report());
    }
}
