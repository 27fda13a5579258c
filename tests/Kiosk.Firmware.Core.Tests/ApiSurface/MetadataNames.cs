using System.Reflection.Metadata;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Names of metadata entities in the listings' spelling: namespace, then nested types joined with '.'.</summary>
internal static class MetadataNames
{
    public static string TypeReferenceName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var tr = reader.GetTypeReference(handle);
        var name = reader.GetString(tr.Name);
        if (tr.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeReferenceName(reader, (TypeReferenceHandle)tr.ResolutionScope) + "." + name;
        var ns = reader.GetString(tr.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The assembly a type reference points into (System.Runtime, System.Collections...), or null for the module itself.</summary>
    public static string? TypeReferenceAssembly(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference) scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        return scope.Kind == HandleKind.AssemblyReference
            ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    /// <summary>The reflection spelling (nested types joined with '+'), to find the type in the running runtime.</summary>
    public static string TypeReferenceReflectionName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var tr = reader.GetTypeReference(handle);
        var name = reader.GetString(tr.Name);
        if (tr.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeReferenceReflectionName(reader, (TypeReferenceHandle)tr.ResolutionScope) + "+" + name;
        var ns = reader.GetString(tr.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string TypeDefinitionName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var td = reader.GetTypeDefinition(handle);
        var name = reader.GetString(td.Name);
        var outer = td.GetDeclaringType();
        if (!outer.IsNil) return TypeDefinitionName(reader, outer) + "." + name;
        var ns = reader.GetString(td.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string MethodDefinitionName(MetadataReader reader, MethodDefinitionHandle handle, SignatureNames names)
    {
        var md = reader.GetMethodDefinition(handle);
        names.Sink = new SignatureFindings();
        var sig = md.DecodeSignature(names, null);
        return TypeDefinitionName(reader, md.GetDeclaringType()) + "::" + reader.GetString(md.Name) + "(" + string.Join(",", sig.ParameterTypes) + ")";
    }
}
