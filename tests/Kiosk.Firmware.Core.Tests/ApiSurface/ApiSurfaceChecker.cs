using System.Text;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>One reference that will not exist, or cannot run, on nanoFramework 1.17.</summary>
public sealed record ApiViolation(string Key, string Problem, string? Hint, IReadOnlyList<string> Sources);

/// <summary>The verdict on one assembly.</summary>
public sealed class ApiCheckResult
{
    internal ApiCheckResult(ScanResult scan, IReadOnlyList<ApiViolation> violations, IReadOnlyDictionary<string, string> packages)
    {
        Scan = scan;
        Violations = violations;
        ListingFiles = packages;
    }

    /// <summary>What was scanned.</summary>
    public ScanResult Scan { get; }

    /// <summary>Every offending reference, ordered by key.</summary>
    public IReadOnlyList<ApiViolation> Violations { get; }

    /// <summary>Each outside type used mapped to the listing file declaring it (which nanoFramework package it needs).</summary>
    public IReadOnlyDictionary<string, string> ListingFiles { get; }

    /// <summary>A readable list: each offending reference, why, a hint, and the methods that use it.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        if (Violations.Count == 0)
        {
            sb.Append(Scan.AssemblyName).Append(": all ").Append(Scan.Uses.Count).AppendLine(" outside references exist on nanoFramework 1.17.");
        }
        else
        {
            sb.Append(Scan.AssemblyName).Append(": ").Append(Violations.Count)
              .AppendLine(" reference(s) that nanoFramework 1.17 does not have (the device build would fail or the code cannot run there):");
            foreach (var v in Violations)
            {
                sb.AppendLine();
                sb.Append("  ").AppendLine(v.Key);
                sb.Append("      problem: ").AppendLine(v.Problem);
                if (v.Hint != null) sb.Append("      hint:    ").AppendLine(v.Hint);
                foreach (var s in v.Sources.Take(12)) sb.Append("      used by ").AppendLine(s);
                if (v.Sources.Count > 12) sb.Append("      ... and ").Append(v.Sources.Count - 12).AppendLine(" more");
            }
        }
        if (Scan.Excused.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("  not held against it (compiler output that the nanoFramework build of the same source does not have):");
            foreach (var g in Scan.Excused.GroupBy(e => e.Key))
                sb.Append("    ").Append(g.Key).Append(" x").Append(g.Count()).Append(": ").AppendLine(g.First().Reason);
        }
        return sb.ToString();
    }
}

/// <summary>Checks a scanned assembly against the nanoFramework listings, walking base types for inherited members.</summary>
public static class ApiSurfaceChecker
{
    /// <summary>Scans and checks the assembly at <paramref name="path"/>.</summary>
    public static ApiCheckResult Check(string path, NanoApiListing listing) => Check(AssemblyApiScanner.Scan(path), listing);

    /// <summary>Checks a scan.</summary>
    public static ApiCheckResult Check(ScanResult scan, NanoApiListing listing)
    {
        var violations = new List<ApiViolation>();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var use in scan.Uses)
        {
            if (use.Sources.Count == 0) continue; // only inside compiler-embedded attributes
            var problem = Problem(use, listing);
            if (problem != null) violations.Add(new ApiViolation(use.Key, problem, Hints.For(use), use.Sources.ToList()));
            else if (use.Kind == ApiUseKind.Type && listing.FileOf(use.Key) is { } file) files[use.Key] = file;
        }
        return new ApiCheckResult(scan, violations, files);
    }

    private static string? Problem(ApiUse use, NanoApiListing listing)
    {
        switch (use.Kind)
        {
            case ApiUseKind.Generic:
                return "generic: nanoFramework 1.17 has no generics (no generic types, methods, instantiations or spans)";
            case ApiUseKind.Unsupported:
                return "not supported by the nanoFramework runtime";
            case ApiUseKind.Type:
                if (use.Key.Contains('`')) return "generic type: nanoFramework 1.17 has no generics";
                return listing.HasType(use.Key) ? null : "type not in the nanoFramework 1.17 API listings";
            default:
                if (use.TypeName == null) return null;
                if (!listing.HasType(use.TypeName))
                    return use.TypeName.Contains('`') ? "member of a generic type" : "declaring type " + use.TypeName + " is not in the nanoFramework 1.17 API listings";
                return HasMember(use, listing) ? null : "member not in the nanoFramework 1.17 API listings (checked " + use.TypeName + " and its base types)";
        }
    }

    private static bool HasMember(ApiUse use, NanoApiListing listing)
    {
        var forms = MemberForms(use).ToList();
        foreach (var type in TypeAndBases(use, listing))
            foreach (var form in forms)
                if (listing.HasMember(type, form)) return true;
        return false;
    }

    /// <summary>The listing spellings a metadata member can have: a method, or the property/indexer/event its accessor belongs to.</summary>
    private static IEnumerable<string> MemberForms(ApiUse use)
    {
        var name = use.MemberName!;
        if (use.IsField)
        {
            yield return name;
            yield break;
        }
        var ps = use.ParameterTypes;
        yield return name + "(" + string.Join(",", ps) + ")";
        if (name.StartsWith("get_", StringComparison.Ordinal))
        {
            if (ps.Count == 0) yield return name[4..];
            else yield return "this[" + string.Join(",", ps) + "]";
        }
        else if (name.StartsWith("set_", StringComparison.Ordinal))
        {
            if (ps.Count == 1) yield return name[4..];
            else if (ps.Count > 1) yield return "this[" + string.Join(",", ps.Take(ps.Count - 1)) + "]";
        }
        else if (name.StartsWith("add_", StringComparison.Ordinal)) yield return name[4..];
        else if (name.StartsWith("remove_", StringComparison.Ordinal)) yield return name[7..];
    }

    /// <summary>
    /// The listings show a member only under its declaring type, while .NET may bind the call to a derived type: walk the
    /// .NET base chain (the running runtime knows every type the core can reference) and also try System.Object.
    /// </summary>
    private static IEnumerable<string> TypeAndBases(ApiUse use, NanoApiListing listing)
    {
        yield return use.TypeName!;
        if (use.MemberName == ".ctor") yield break; // constructors are not inherited
        Type? clr = null;
        if (use.ReflectionName != null)
        {
            if (use.AssemblyName != null) clr = Type.GetType(use.ReflectionName + ", " + use.AssemblyName, throwOnError: false);
            clr ??= Type.GetType(use.ReflectionName, throwOnError: false);
        }
        for (var b = clr?.BaseType; b != null; b = b.BaseType)
        {
            var name = b.FullName?.Replace('+', '.');
            if (name != null) yield return name;
        }
        if (clr == null) yield return "System.Object";
    }
}
