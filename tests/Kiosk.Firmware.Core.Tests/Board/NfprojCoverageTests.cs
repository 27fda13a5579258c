using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Tests.ApiSurface;

namespace Kiosk.Firmware.Core.Tests.Board;

/// <summary>
/// The nanoFramework projects cannot be built here, so these tests keep them from drifting: they compile every core
/// source, list every board file, reference exactly what packages.config restores, and pull in the package of every
/// nanoFramework assembly the core uses.
/// </summary>
public sealed class NfprojCoverageTests
{
    private static readonly string Root = RepoPaths.Root();
    private static readonly string CoreDir = Path.Combine(Root, "firmware", "Kiosk.Firmware.Core");

    public static TheoryData<string> Projects => new()
    {
        "firmware/Kiosk.Firmware.Esp32/Kiosk.Firmware.Esp32.nfproj",
        "firmware/Kiosk.Firmware.NFUnitTest/NFUnitTest.nfproj",
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Compiles_every_core_source_file(string project)
    {
        var items = NfprojItems.Load(Path.Combine(Root, project));
        var coreFiles = SourceFiles(CoreDir);

        Assert.True(coreFiles.Count >= 8, "expected the core's sources under " + CoreDir);
        var missing = coreFiles.Where(f => !items.Compiles(f)).Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.True(missing.Count == 0, project + " does not compile these core files:\n  " + string.Join("\n  ", missing));

        // Build output must not sneak in (generated AssemblyInfo would clash with the board's).
        var generated = Path.Combine(CoreDir, "obj", "Debug", "net10.0", "Kiosk.Firmware.Core.AssemblyInfo.cs");
        Assert.False(items.Compiles(generated), project + " would compile the core's obj/ output");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Lists_every_own_source_file_and_only_existing_ones(string project)
    {
        var path = Path.Combine(Root, project);
        var items = NfprojItems.Load(path);
        var ownFiles = SourceFiles(Path.GetDirectoryName(path)!);

        var unlisted = ownFiles.Where(f => !items.Compiles(f)).Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.True(unlisted.Count == 0, project + " leaves out:\n  " + string.Join("\n  ", unlisted));
        var absent = items.ExplicitFiles.Where(f => !File.Exists(f)).Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.True(absent.Count == 0, project + " lists files that do not exist:\n  " + string.Join("\n  ", absent));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void References_exactly_the_packages_it_restores(string project)
    {
        var path = Path.Combine(Root, project);
        var items = NfprojItems.Load(path);
        var packages = PackagesConfig.Load(Path.Combine(Path.GetDirectoryName(path)!, "packages.config"));

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hint in items.HintPaths)
        {
            var folder = hint.Split('/').SkipWhile(s => s != "packages").Skip(1).FirstOrDefault();
            Assert.True(folder != null, project + ": HintPath outside a packages folder: " + hint);
            var match = packages.FirstOrDefault(p => folder == p.Key + "." + p.Value);
            Assert.True(match.Key != null, project + ": HintPath " + hint + " names a package/version not in packages.config");
            referenced.Add(match.Key!);
            // Packages restore into the board solution's folder (nuget restore Kiosk.Esp32.sln).
            var restored = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, hint.Replace('/', Path.DirectorySeparatorChar)));
            Assert.StartsWith(Path.Combine(Root, "firmware", "Kiosk.Firmware.Esp32", "packages"), restored);
        }
        var unused = packages.Keys.Where(k => !referenced.Contains(k)).ToList();
        Assert.True(unused.Count == 0, project + ": packages.config restores packages nothing references: " + string.Join(", ", unused));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Restores_the_package_of_every_nanoFramework_assembly_the_core_uses(string project)
    {
        var packages = PackagesConfig.Load(Path.Combine(Root, Path.GetDirectoryName(project)!, "packages.config"));
        var check = ApiSurfaceChecker.Check(typeof(CardResult).Assembly.Location, NanoApiListing.Load(RepoPaths.NanoApiFolder()));

        var needed = check.ListingFiles
            .GroupBy(kv => PackagesConfig.PackageOfListing[kv.Value], kv => kv.Key)
            .Where(g => !packages.ContainsKey(g.Key))
            .Select(g => g.Key + " (for " + string.Join(", ", g.Take(3)) + ")")
            .ToList();
        Assert.True(needed.Count == 0, project + ": the core uses types from packages its packages.config lacks: " + string.Join("; ", needed)
            + "\nadd each to packages.config and a Reference with its HintPath to the .nfproj");
        Assert.Contains("nanoFramework.CoreLibrary", packages.Keys);
        Assert.StartsWith("1.17.", packages["nanoFramework.CoreLibrary"]);
    }

    [Fact]
    public void Glob_matching_follows_msbuild_wildcards()
    {
        var temp = Path.Combine(Path.GetTempPath(), "kiosk-nfproj-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            var project = Path.Combine(temp, "p.nfproj");
            File.WriteAllText(project, """
                <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                  <ItemGroup>
                    <Compile Include="..\Core\**\*.cs" Exclude="..\Core\obj\**;..\Core\bin\**" />
                    <Compile Include="Program.cs" />
                  </ItemGroup>
                </Project>
                """);
            var items = NfprojItems.Load(project);
            var core = Path.GetFullPath(Path.Combine(temp, "..", "Core"));

            Assert.True(items.Compiles(Path.Combine(core, "A.cs")));
            Assert.True(items.Compiles(Path.Combine(core, "Card", "Pn532", "B.cs")));
            Assert.False(items.Compiles(Path.Combine(core, "obj", "Debug", "X.cs")));
            Assert.False(items.Compiles(Path.Combine(core, "Card", "B.txt")));
            Assert.False(items.Compiles(Path.Combine(core + "Other", "A.cs")));
            Assert.True(items.Compiles(Path.Combine(temp, "Program.cs")));
            Assert.False(items.Compiles(Path.Combine(temp, "Other.cs")));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static List<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "packages"))
            .Select(Path.GetFullPath)
            .ToList();
}
