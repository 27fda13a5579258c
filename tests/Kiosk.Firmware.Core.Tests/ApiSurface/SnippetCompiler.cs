using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Compiles C# snippets the way the core is built (net10, nullable on, a library) into an in-memory assembly.</summary>
internal static class SnippetCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static byte[] Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emit.Success) throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", errors) + "\n" + source);
        return pe.ToArray();
    }

    /// <summary>The net10 reference pack next to the running runtime when installed, else the runtime's own assemblies.</summary>
    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var refPacks = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string? refDir = null;
        if (Directory.Exists(refPacks))
        {
            refDir = Directory.GetDirectories(refPacks)
                .Select(d => Path.Combine(d, "ref", "net" + Environment.Version.Major + ".0"))
                .Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out var v) ? v : new Version())
                .FirstOrDefault();
        }
        IEnumerable<string> files = refDir != null
            ? Directory.GetFiles(refDir, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDir, StringComparison.Ordinal));
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
