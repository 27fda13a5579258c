using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Walks a method body's IL and yields every metadata token it uses (call, newobj, ldfld, ldtoken, box, newarr...).</summary>
internal static class IlTokens
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    public static IEnumerable<EntityHandle> Read(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        var found = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            if (!Operands.TryGetValue(code, out var operand))
                throw new BadImageFormatException("unknown IL opcode 0x" + code.ToString("X"));
            switch (operand)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: il.Offset += 1; break;
                case OperandType.InlineVar: il.Offset += 2; break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.ShortInlineR:
                case OperandType.InlineString: il.Offset += 4; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: il.Offset += 8; break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: "Offset += 4 * ReadInt32()" would take Offset before the read
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    found.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default: throw new BadImageFormatException("unhandled operand type " + operand);
            }
        }
        return found;
    }
}
