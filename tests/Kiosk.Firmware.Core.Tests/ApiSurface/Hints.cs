namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Plain advice for the usual ways .NET code strays outside nanoFramework 1.17.</summary>
internal static class Hints
{
    private static readonly (string Marker, string Hint)[] Table =
    {
        ("DefaultInterpolatedStringHandler", "an interpolated string $\"...{x}...\": build it with string.Concat(a, b) or a StringBuilder"),
        ("System.Span`1", "a span: use byte[] with offset and count"),
        ("System.ReadOnlySpan`1", "a span: use byte[] with offset and count. The net10 compiler also makes spans from `static ReadOnlySpan<byte> X => new byte[] {..}` (use a static readonly byte[]), from string + char (write c.ToString()), and from calls that have a params-span overload on .NET 10 (string.Concat of 5+ strings, string.Format with 4+ args: pass an explicit object[]/string[] or use StringBuilder)"),
        ("System.String::op_Implicit(System.String)", "a string turned into a ReadOnlySpan<char> for a span overload the net10 compiler picked (string + char, Concat): write c.ToString() or use a StringBuilder"),
        ("InlineArray", "a compiler-made inline array (params span or collection expression): pass an explicit array"),
        ("System.Linq.", "LINQ: write the loop"),
        ("System.Threading.Tasks.", "async/Task: use a Thread or a plain blocking call with a timeout"),
        ("AsyncTaskMethodBuilder", "async/await: use a Thread or a plain blocking call with a timeout"),
        ("IAsyncStateMachine", "async/await: use a Thread or a plain blocking call with a timeout"),
        ("System.ValueTuple`", "a tuple: return a small class, or use out parameters"),
        ("System.Tuple`", "a tuple: return a small class, or use out parameters"),
        ("System.Nullable`1", "a nullable value type (int?): use a sentinel value or a separate bool"),
        ("System.Collections.Generic.", "a generic collection: use ArrayList or Hashtable and cast"),
        ("System.Func`", "a generic delegate: declare a non-generic delegate type"),
        ("System.Action`", "a generic delegate: declare a non-generic delegate type"),
        ("System.IEquatable`1", "a record or IEquatable<T>: write a plain class with Equals(object)"),
        ("System.String::Join(", "string.Join is missing: append with a StringBuilder"),
        ("System.Char::Is", "char.IsXxx is missing: compare ranges ('0' <= c && c <= '9')"),
        ("System.Text.Encoding::GetString(System.Byte[])", "use Encoding.UTF8.GetString(bytes, 0, bytes.Length)"),
        ("System.Array::Empty", "Array.Empty<T> is missing: use new byte[0] (cache it)"),
        ("System.Math::", "check System.Math.txt: only a subset of Math exists (no Clamp)"),
    };

    public static string? For(ApiUse use)
    {
        var text = use.Key;
        string? hint = null;
        foreach (var (marker, h) in Table)
            if (text.Contains(marker, StringComparison.Ordinal)) { hint = h; break; }
        if (use.Sources.Any(s => s.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal)))
            hint = (hint == null ? "" : hint + "; ") + "used by a compiler-generated helper (array/span initializer or string switch) of the core";
        return hint;
    }
}
