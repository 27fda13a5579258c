namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>What kind of outside reference an <see cref="ApiUse"/> is.</summary>
public enum ApiUseKind
{
    /// <summary>A type from another assembly.</summary>
    Type,

    /// <summary>A method, constructor, property accessor, event accessor or field of an outside type.</summary>
    Member,

    /// <summary>A generic instantiation, a generic method call or a generic definition: never allowed on nanoFramework 1.17.</summary>
    Generic,

    /// <summary>Something the device runtime has no form of (pointers, multi-dimensional arrays, P/Invoke).</summary>
    Unsupported,
}

/// <summary>One reference the compiled core makes outside itself, with every place (method, field, type) that makes it.</summary>
public sealed class ApiUse
{
    internal ApiUse(ApiUseKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>What this is.</summary>
    public ApiUseKind Kind { get; }

    /// <summary>The reference in listing spelling, e.g. <c>System.String::Join(System.String,System.String[])</c>.</summary>
    public string Key { get; }

    /// <summary>The outside type (listing spelling) for types and members.</summary>
    public string? TypeName { get; internal set; }

    /// <summary>The type's reflection name (nested with '+'), to walk its base types in the running runtime.</summary>
    public string? ReflectionName { get; internal set; }

    /// <summary>The assembly the reference points into on .NET (System.Runtime, System.Collections...).</summary>
    public string? AssemblyName { get; internal set; }

    /// <summary>Metadata name of the member (get_Length, .ctor, Join), for members.</summary>
    public string? MemberName { get; internal set; }

    /// <summary>Parameter types of a method member, in listing spelling.</summary>
    public IReadOnlyList<string> ParameterTypes { get; internal set; } = Array.Empty<string>();

    /// <summary>True when the member is a field (or an attribute's named argument).</summary>
    public bool IsField { get; internal set; }

    /// <summary>Where the reference is made: method bodies and signatures, fields, base types, attributes.</summary>
    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources inside compiler-embedded attribute types (Microsoft.CodeAnalysis.EmbeddedAttribute), which the
    /// compiler regenerates in the nanoFramework build itself.</summary>
    public SortedSet<string> EmbeddedSources { get; } = new(StringComparer.Ordinal);
}

/// <summary>A reference the check deliberately does not hold against the core, with why.</summary>
public sealed record ExcusedUse(string Key, string Reason, string Source);
