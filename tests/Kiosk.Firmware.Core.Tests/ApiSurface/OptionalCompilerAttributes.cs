namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>
/// Attributes Roslyn adds on its own only when the target corlib defines them (it looks them up as optional well-known
/// members and silently skips them when they are missing). nanoFramework's mscorlib lacks them, so the device build of the
/// same sources simply carries no such attribute: they are excused as attributes, and only as attributes — code that
/// names them is still checked.
/// </summary>
internal static class OptionalCompilerAttributes
{
    private const string Embedded =
        "compile-time metadata; where the corlib lacks it the compiler defines it inside the assembly itself (embedded attribute)";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["System.Runtime.CompilerServices.CompilerGeneratedAttribute"] =
            "marks compiler-synthesized members (auto-property backing fields, closures); emitted only if the corlib has it",
        ["System.Runtime.CompilerServices.CompilationRelaxationsAttribute"] =
            "assembly-level attribute the compiler adds only if the corlib has it",
        ["System.Runtime.CompilerServices.RuntimeCompatibilityAttribute"] =
            "assembly-level attribute (WrapNonExceptionThrows) the compiler adds only if the corlib has it",
        // Public in .NET's System.Runtime; when a corlib lacks them the compiler embeds its own private copy instead.
        ["System.Runtime.CompilerServices.NullableAttribute"] = Embedded,
        ["System.Runtime.CompilerServices.NullableContextAttribute"] = Embedded,
        ["System.Runtime.CompilerServices.NullablePublicOnlyAttribute"] = Embedded,
        ["System.Runtime.CompilerServices.RefSafetyRulesAttribute"] = Embedded,
        ["System.Runtime.CompilerServices.IsReadOnlyAttribute"] = Embedded,
        ["System.Runtime.CompilerServices.ScopedRefAttribute"] = Embedded,
    };

    /// <summary>
    /// Field-like events: Roslyn makes add_/remove_ thread-safe with Interlocked.CompareExchange&lt;T&gt; when the corlib has
    /// it, and otherwise with a plain Delegate.Combine/Remove store. nanoFramework's mscorlib has no generic
    /// CompareExchange, so the device build takes the second form, whose Delegate.Combine/Remove calls are checked anyway.
    /// </summary>
    public const string FieldLikeEventAccessor =
        "field-like event accessor: without a generic Interlocked.CompareExchange<T> in the corlib the compiler emits Delegate.Combine/Remove (which are checked)";

    public static string? ReasonFor(string attributeType) => Reasons.TryGetValue(attributeType, out var r) ? r : null;
}
