using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>What one signature decode ran into: the types it names and anything the device cannot run.</summary>
internal sealed class SignatureFindings
{
    public List<EntityHandle> Types { get; } = new();
    public List<string> GenericInstances { get; } = new();
    public List<string> Unsupported { get; } = new();
}

/// <summary>Turns metadata signatures into the CLR names the listings use (System.Int32, System.Byte[], ref X), noting generics on the way.</summary>
internal sealed class SignatureNames : ISignatureTypeProvider<string, object?>, ICustomAttributeTypeProvider<string>
{
    private readonly MetadataReader _reader;

    public SignatureNames(MetadataReader reader) => _reader = reader;

    /// <summary>Where the current decode records what it sees; set before each decode.</summary>
    public SignatureFindings Sink { get; set; } = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "System.Boolean",
        PrimitiveTypeCode.Byte => "System.Byte",
        PrimitiveTypeCode.SByte => "System.SByte",
        PrimitiveTypeCode.Char => "System.Char",
        PrimitiveTypeCode.Int16 => "System.Int16",
        PrimitiveTypeCode.UInt16 => "System.UInt16",
        PrimitiveTypeCode.Int32 => "System.Int32",
        PrimitiveTypeCode.UInt32 => "System.UInt32",
        PrimitiveTypeCode.Int64 => "System.Int64",
        PrimitiveTypeCode.UInt64 => "System.UInt64",
        PrimitiveTypeCode.Single => "System.Single",
        PrimitiveTypeCode.Double => "System.Double",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.Object => "System.Object",
        PrimitiveTypeCode.String => "System.String",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        PrimitiveTypeCode.Void => "System.Void",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        MetadataNames.TypeDefinitionName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        Sink.Types.Add(handle);
        return MetadataNames.TypeReferenceName(reader, handle);
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        var name = elementType + "[" + new string(',', shape.Rank - 1) + "]";
        Sink.Unsupported.Add("multi-dimensional array " + name);
        return name;
    }

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType)
    {
        Sink.Unsupported.Add("pointer " + elementType + "*");
        return elementType + "*";
    }

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        Sink.Unsupported.Add("function pointer");
        return "method*";
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var name = genericType + "<" + string.Join(",", typeArguments) + ">";
        Sink.GenericInstances.Add(name);
        return name;
    }

    public string GetGenericMethodParameter(object? genericContext, int index)
    {
        Sink.GenericInstances.Add("generic method parameter !!" + index);
        return "!!" + index;
    }

    public string GetGenericTypeParameter(object? genericContext, int index)
    {
        Sink.GenericInstances.Add("generic type parameter !" + index);
        return "!" + index;
    }

    // Modifiers (modreq IsExternalInit, InAttribute, IsVolatile) are types too; the TypeRef pass checks them.
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetPinnedType(string elementType) => elementType;

    public string GetSystemType() => "System.Type";

    public bool IsSystemType(string type) => type == "System.Type";

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type)
    {
        // Attribute blobs store enum values at the enum's width; the runtime knows every BCL enum a snippet can name.
        var clr = Type.GetType(type.Replace('+', '.'), throwOnError: false);
        var underlying = clr is { IsEnum: true } ? Enum.GetUnderlyingType(clr) : typeof(int);
        return Type.GetTypeCode(underlying) switch
        {
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            _ => PrimitiveTypeCode.Int32,
        };
    }
}
