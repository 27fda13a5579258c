using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Everything a compiled assembly references outside itself, each with the methods, fields and types that use it.</summary>
public sealed class ScanResult
{
    internal ScanResult(string assemblyName, IReadOnlyList<ApiUse> uses, IReadOnlyList<ExcusedUse> excused)
    {
        AssemblyName = assemblyName;
        Uses = uses;
        Excused = excused;
    }

    /// <summary>Name of the scanned assembly.</summary>
    public string AssemblyName { get; }

    /// <summary>Every outside reference, ordered by key.</summary>
    public IReadOnlyList<ApiUse> Uses { get; }

    /// <summary>Compiler-optional attributes, not held against the assembly (see <see cref="OptionalCompilerAttributes"/>).</summary>
    public IReadOnlyList<ExcusedUse> Excused { get; }
}

/// <summary>
/// Lists what an assembly uses outside itself with System.Reflection.Metadata: type and member references (also on type
/// specs), method specs, base types and interfaces, attribute constructors and named arguments, and the types in field,
/// parameter, return and local signatures; the IL of each method body tells which method uses what.
/// </summary>
public sealed class AssemblyApiScanner
{
    private const string EmbeddedAttribute = "Microsoft.CodeAnalysis.EmbeddedAttribute";

    private readonly MetadataReader _reader;
    private readonly SignatureNames _names;
    private readonly Dictionary<string, ApiUse> _uses = new(StringComparer.Ordinal);
    private readonly List<ExcusedUse> _excused = new();
    private readonly HashSet<EntityHandle> _visited = new();
    private readonly HashSet<TypeDefinitionHandle> _embeddedTypes = new();
    private bool _inFieldLikeEventAccessor;

    private AssemblyApiScanner(MetadataReader reader)
    {
        _reader = reader;
        _names = new SignatureNames(reader);
    }

    /// <summary>Scans the assembly file at <paramref name="path"/>.</summary>
    public static ScanResult Scan(string path) => Scan(File.ReadAllBytes(path));

    /// <summary>Scans an assembly image held in memory.</summary>
    public static ScanResult Scan(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image, writable: false));
        var reader = pe.GetMetadataReader();
        var scanner = new AssemblyApiScanner(reader);
        scanner.Run(pe);
        var name = reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : "module";
        return new ScanResult(name, scanner._uses.Values.OrderBy(u => u.Key, StringComparer.Ordinal).ToList(), scanner._excused);
    }

    private void Run(PEReader pe)
    {
        foreach (var td in _reader.TypeDefinitions)
            if (IsEmbedded(td)) _embeddedTypes.Add(td);

        if (_reader.IsAssembly) Attributes(_reader.GetAssemblyDefinition().GetCustomAttributes(), "[assembly]", false);
        Attributes(_reader.GetModuleDefinition().GetCustomAttributes(), "[module]", false);

        foreach (var tdh in _reader.TypeDefinitions) TypeDefinition(pe, tdh);

        // Catch-alls: anything in the tables that no signature, body or attribute above reached.
        foreach (var h in _reader.TypeReferences) if (!_visited.Contains(h)) TypeReference(h, "(type reference table)", false);
        foreach (var h in _reader.MemberReferences) if (!_visited.Contains(h)) MemberReference(h, "(member reference table)", false);
        for (var row = 1; row <= _reader.GetTableRowCount(System.Reflection.Metadata.Ecma335.TableIndex.TypeSpec); row++)
        {
            var h = System.Reflection.Metadata.Ecma335.MetadataTokens.TypeSpecificationHandle(row);
            if (!_visited.Contains(h)) TypeSpecification(h, "(type spec table)", false);
        }
        for (var row = 1; row <= _reader.GetTableRowCount(System.Reflection.Metadata.Ecma335.TableIndex.MethodSpec); row++)
        {
            var h = System.Reflection.Metadata.Ecma335.MetadataTokens.MethodSpecificationHandle(row);
            if (!_visited.Contains(h)) MethodSpecification(h, "(method spec table)", false);
        }
        foreach (var h in _reader.MethodDefinitions)
        {
            var md = _reader.GetMethodDefinition(h);
            if ((md.Attributes & System.Reflection.MethodAttributes.PinvokeImpl) != 0)
                Add(ApiUseKind.Unsupported, "P/Invoke " + _reader.GetString(md.Name), MetadataNames.MethodDefinitionName(_reader, h, _names), false);
        }
    }

    private void TypeDefinition(PEReader pe, TypeDefinitionHandle tdh)
    {
        var td = _reader.GetTypeDefinition(tdh);
        var typeName = MetadataNames.TypeDefinitionName(_reader, tdh);
        if (typeName == "<Module>" && td.GetMethods().Count == 0) return;
        var embedded = _embeddedTypes.Contains(tdh) || (!td.GetDeclaringType().IsNil && _embeddedTypes.Contains(td.GetDeclaringType()));

        if (!td.BaseType.IsNil) Entity(td.BaseType, typeName + " (base type)", embedded);
        foreach (var ih in td.GetInterfaceImplementations())
        {
            var ii = _reader.GetInterfaceImplementation(ih);
            Entity(ii.Interface, typeName + " (implements)", embedded);
            Attributes(ii.GetCustomAttributes(), typeName + " (implements)", embedded);
        }
        if (td.GetGenericParameters().Count > 0)
            Add(ApiUseKind.Generic, "generic type definition " + typeName, typeName, embedded);
        Attributes(td.GetCustomAttributes(), typeName, embedded);

        foreach (var fh in td.GetFields())
        {
            var fd = _reader.GetFieldDefinition(fh);
            var source = typeName + "::" + _reader.GetString(fd.Name) + " (field)";
            _names.Sink = new SignatureFindings();
            fd.DecodeSignature(_names, null);
            Findings(_names.Sink, source, embedded);
            Attributes(fd.GetCustomAttributes(), source, embedded);
        }
        foreach (var ph in td.GetProperties())
        {
            var pd = _reader.GetPropertyDefinition(ph);
            var source = typeName + "::" + _reader.GetString(pd.Name) + " (property)";
            _names.Sink = new SignatureFindings();
            pd.DecodeSignature(_names, null);
            Findings(_names.Sink, source, embedded);
            Attributes(pd.GetCustomAttributes(), source, embedded);
        }
        foreach (var eh in td.GetEvents())
        {
            var ed = _reader.GetEventDefinition(eh);
            var source = typeName + "::" + _reader.GetString(ed.Name) + " (event)";
            Entity(ed.Type, source, embedded);
            Attributes(ed.GetCustomAttributes(), source, embedded);
        }
        foreach (var mh in td.GetMethods()) Method(pe, mh, embedded);
    }

    private void Method(PEReader pe, MethodDefinitionHandle mh, bool embedded)
    {
        var md = _reader.GetMethodDefinition(mh);
        var source = MetadataNames.MethodDefinitionName(_reader, mh, _names);
        _names.Sink = new SignatureFindings();
        md.DecodeSignature(_names, null);
        Findings(_names.Sink, source, embedded);
        if (md.GetGenericParameters().Count > 0) Add(ApiUseKind.Generic, "generic method definition " + source, source, embedded);
        Attributes(md.GetCustomAttributes(), source, embedded);
        foreach (var ph in md.GetParameters()) Attributes(_reader.GetParameter(ph).GetCustomAttributes(), source, embedded);

        if (md.RelativeVirtualAddress == 0) return;
        var body = pe.GetMethodBody(md.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            var sig = _reader.GetStandaloneSignature(body.LocalSignature);
            _names.Sink = new SignatureFindings();
            sig.DecodeLocalSignature(_names, null);
            Findings(_names.Sink, source + " (locals)", embedded);
        }
        foreach (var region in body.ExceptionRegions)
            if (!region.CatchType.IsNil) Entity(region.CatchType, source, embedded);
        _inFieldLikeEventAccessor = IsFieldLikeEventAccessor(md);
        try
        {
            foreach (var token in IlTokens.Read(body)) Entity(token, source, embedded);
        }
        finally
        {
            _inFieldLikeEventAccessor = false;
        }
    }

    private bool IsFieldLikeEventAccessor(MethodDefinition md)
    {
        var name = _reader.GetString(md.Name);
        string? eventName = name.StartsWith("add_", StringComparison.Ordinal) ? name[4..]
            : name.StartsWith("remove_", StringComparison.Ordinal) ? name[7..] : null;
        if (eventName == null) return false;
        var compilerGenerated = md.GetCustomAttributes().Any(a =>
            AttributeTypeName(_reader.GetCustomAttribute(a)) == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");
        var hasEvent = _reader.GetTypeDefinition(md.GetDeclaringType()).GetEvents()
            .Any(e => _reader.GetString(_reader.GetEventDefinition(e).Name) == eventName);
        return compilerGenerated && hasEvent;
    }

    private void Entity(EntityHandle h, string source, bool embedded)
    {
        switch (h.Kind)
        {
            case HandleKind.TypeReference: TypeReference((TypeReferenceHandle)h, source, embedded); break;
            case HandleKind.TypeSpecification: TypeSpecification((TypeSpecificationHandle)h, source, embedded); break;
            case HandleKind.MemberReference: MemberReference((MemberReferenceHandle)h, source, embedded); break;
            case HandleKind.MethodSpecification: MethodSpecification((MethodSpecificationHandle)h, source, embedded); break;
            case HandleKind.StandaloneSignature:
                _names.Sink = new SignatureFindings();
                _reader.GetStandaloneSignature((StandaloneSignatureHandle)h).DecodeMethodSignature(_names, null);
                Findings(_names.Sink, source, embedded);
                Add(ApiUseKind.Unsupported, "calli (indirect call through a function pointer)", source, embedded);
                break;
            default: break; // definitions inside the assembly itself
        }
    }

    private ApiUse TypeReference(TypeReferenceHandle h, string source, bool embedded)
    {
        _visited.Add(h);
        var name = MetadataNames.TypeReferenceName(_reader, h);
        var asm = MetadataNames.TypeReferenceAssembly(_reader, h);
        if (asm == null && _reader.GetTypeReference(h).ResolutionScope.Kind != HandleKind.TypeReference)
        {
            // A reference into this very module or a module reference: not an outside API.
            var scope = _reader.GetTypeReference(h).ResolutionScope;
            if (scope.Kind == HandleKind.ModuleDefinition) return new ApiUse(ApiUseKind.Type, name);
        }
        var use = Add(ApiUseKind.Type, name, source, embedded);
        use.TypeName = name;
        use.AssemblyName = asm;
        use.ReflectionName = MetadataNames.TypeReferenceReflectionName(_reader, h);
        return use;
    }

    private void TypeSpecification(TypeSpecificationHandle h, string source, bool embedded)
    {
        _visited.Add(h);
        _names.Sink = new SignatureFindings();
        _reader.GetTypeSpecification(h).DecodeSignature(_names, null);
        Findings(_names.Sink, source, embedded);
    }

    private void MethodSpecification(MethodSpecificationHandle h, string source, bool embedded)
    {
        _visited.Add(h);
        var ms = _reader.GetMethodSpecification(h);
        if (_inFieldLikeEventAccessor && ms.Method.Kind == HandleKind.MemberReference)
        {
            var target = _reader.GetMemberReference((MemberReferenceHandle)ms.Method);
            if (target.Parent.Kind == HandleKind.TypeReference
                && MetadataNames.TypeReferenceName(_reader, (TypeReferenceHandle)target.Parent) == "System.Threading.Interlocked"
                && _reader.GetString(target.Name) == "CompareExchange")
            {
                _visited.Add(ms.Method);
                if (!_excused.Any(e => e.Source == source))
                    _excused.Add(new ExcusedUse("System.Threading.Interlocked::CompareExchange<T>", OptionalCompilerAttributes.FieldLikeEventAccessor, source));
                return;
            }
        }
        _names.Sink = new SignatureFindings();
        var args = ms.DecodeSignature(_names, null);
        var inner = _names.Sink;
        string method;
        if (ms.Method.Kind == HandleKind.MemberReference)
        {
            var m = MemberReference((MemberReferenceHandle)ms.Method, source, embedded);
            method = m.Key;
        }
        else
        {
            method = MetadataNames.MethodDefinitionName(_reader, (MethodDefinitionHandle)ms.Method, _names);
        }
        Findings(inner, source, embedded, reportGenerics: false);
        Add(ApiUseKind.Generic, "generic method call " + method + " with <" + string.Join(",", args) + ">", source, embedded);
    }

    private ApiUse MemberReference(MemberReferenceHandle h, string source, bool embedded)
    {
        _visited.Add(h);
        var mr = _reader.GetMemberReference(h);
        var memberName = _reader.GetString(mr.Name);

        string typeName;
        ApiUse? parentType = null;
        var genericParent = false;
        switch (mr.Parent.Kind)
        {
            case HandleKind.TypeReference:
                parentType = TypeReference((TypeReferenceHandle)mr.Parent, source, embedded);
                typeName = parentType.Key;
                break;
            case HandleKind.TypeDefinition:
                typeName = MetadataNames.TypeDefinitionName(_reader, (TypeDefinitionHandle)mr.Parent);
                break;
            case HandleKind.TypeSpecification:
                _visited.Add(mr.Parent);
                _names.Sink = new SignatureFindings();
                typeName = _reader.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(_names, null);
                var parentFindings = _names.Sink;
                genericParent = parentFindings.GenericInstances.Count > 0;
                Findings(parentFindings, source, embedded, reportGenerics: false);
                break;
            case HandleKind.MethodDefinition:
                return new ApiUse(ApiUseKind.Member, "vararg call site"); // vararg call to our own method
            default:
                var unsupported = Add(ApiUseKind.Unsupported, "member " + memberName + " on " + mr.Parent.Kind, source, embedded);
                return unsupported;
        }

        _names.Sink = new SignatureFindings();
        string key;
        IReadOnlyList<string> parameters = Array.Empty<string>();
        var isField = mr.GetKind() == MemberReferenceKind.Field;
        if (isField)
        {
            mr.DecodeFieldSignature(_names, null);
            key = typeName + "::" + memberName;
        }
        else
        {
            var sig = mr.DecodeMethodSignature(_names, null);
            parameters = sig.ParameterTypes;
            var generic = sig.GenericParameterCount > 0 ? "<" + sig.GenericParameterCount + ">" : "";
            key = typeName + "::" + memberName + generic + "(" + string.Join(",", parameters) + ")";
        }
        var sigFindings = _names.Sink;

        // Inside an instantiated generic type every signature mentions !0 and friends: report the member once, as generic.
        Findings(sigFindings, source, embedded, reportGenerics: !genericParent);
        if (parentType == null && mr.Parent.Kind == HandleKind.TypeDefinition) return new ApiUse(ApiUseKind.Member, key);

        var use = Add(genericParent ? ApiUseKind.Generic : ApiUseKind.Member, key, source, embedded);
        use.TypeName = typeName;
        use.MemberName = memberName;
        use.ParameterTypes = parameters;
        use.IsField = isField;
        use.AssemblyName = parentType?.AssemblyName;
        use.ReflectionName = parentType?.ReflectionName;
        return use;
    }

    private void Attributes(CustomAttributeHandleCollection attributes, string source, bool embedded)
    {
        foreach (var ah in attributes)
        {
            var ca = _reader.GetCustomAttribute(ah);
            var attributeType = AttributeTypeName(ca);
            var reason = OptionalCompilerAttributes.ReasonFor(attributeType);
            if (reason != null)
            {
                _visited.Add(ca.Constructor);
                if (ca.Constructor.Kind == HandleKind.MemberReference) _visited.Add(_reader.GetMemberReference((MemberReferenceHandle)ca.Constructor).Parent);
                if (!_excused.Any(e => e.Key == attributeType && e.Source == source)) _excused.Add(new ExcusedUse(attributeType, reason, source));
                continue;
            }
            var where = "[" + ShortName(attributeType) + "] on " + source;
            Entity(ca.Constructor, where, embedded);
            if (ca.Constructor.Kind != HandleKind.MemberReference) continue; // attribute defined in the assembly itself

            CustomAttributeValue<string> value;
            try
            {
                _names.Sink = new SignatureFindings();
                value = ca.DecodeValue(_names);
            }
            catch (Exception e) when (e is BadImageFormatException or ArgumentException or InvalidOperationException)
            {
                Add(ApiUseKind.Unsupported, "undecodable arguments of [" + attributeType + "]: " + e.Message, where, embedded);
                continue;
            }
            foreach (var named in value.NamedArguments)
            {
                var use = Add(ApiUseKind.Member, attributeType + "::" + named.Name, where, embedded);
                use.TypeName = attributeType;
                use.MemberName = named.Name;
                use.IsField = true;
            }
        }
    }

    private string AttributeTypeName(CustomAttribute ca)
    {
        if (ca.Constructor.Kind == HandleKind.MemberReference)
        {
            var parent = _reader.GetMemberReference((MemberReferenceHandle)ca.Constructor).Parent;
            return parent.Kind == HandleKind.TypeReference
                ? MetadataNames.TypeReferenceName(_reader, (TypeReferenceHandle)parent)
                : parent.Kind == HandleKind.TypeDefinition ? MetadataNames.TypeDefinitionName(_reader, (TypeDefinitionHandle)parent) : "?";
        }
        var md = _reader.GetMethodDefinition((MethodDefinitionHandle)ca.Constructor);
        return MetadataNames.TypeDefinitionName(_reader, md.GetDeclaringType());
    }

    private bool IsEmbedded(TypeDefinitionHandle tdh)
    {
        if (MetadataNames.TypeDefinitionName(_reader, tdh) == EmbeddedAttribute) return true;
        foreach (var ah in _reader.GetTypeDefinition(tdh).GetCustomAttributes())
            if (AttributeTypeName(_reader.GetCustomAttribute(ah)) == EmbeddedAttribute) return true;
        return false;
    }

    private void Findings(SignatureFindings findings, string source, bool embedded, bool reportGenerics = true)
    {
        foreach (var t in findings.Types) TypeReference((TypeReferenceHandle)t, source, embedded);
        if (reportGenerics)
            foreach (var g in findings.GenericInstances.Distinct())
                if (!g.StartsWith("generic ", StringComparison.Ordinal)) Add(ApiUseKind.Generic, g, source, embedded);
        foreach (var u in findings.Unsupported.Distinct()) Add(ApiUseKind.Unsupported, u, source, embedded);
    }

    private ApiUse Add(ApiUseKind kind, string key, string source, bool embedded)
    {
        if (!_uses.TryGetValue(key, out var use))
        {
            use = new ApiUse(kind, key);
            _uses.Add(key, use);
        }
        (embedded ? use.EmbeddedSources : use.Sources).Add(source);
        return use;
    }

    private static string ShortName(string type)
    {
        var dot = type.LastIndexOf('.');
        return dot < 0 ? type : type[(dot + 1)..];
    }
}
