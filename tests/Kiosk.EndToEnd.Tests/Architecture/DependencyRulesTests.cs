namespace Kiosk.EndToEnd.Tests.Architecture;

/// <summary>The repository's project graph follows the dependency direction in docs/architecture.md.</summary>
public sealed class DependencyRulesTests
{
    private static readonly Lazy<string> Root = new(FindRoot);

    [Fact]
    public void Repository_projects_follow_the_dependency_direction()
    {
        var graph = ProjectGraph.Load(Root.Value);

        Assert.Contains(DependencyRules.Core, graph.Nodes.Keys);
        Assert.Contains(DependencyRules.Bridge, graph.Nodes.Keys);
        var problems = DependencyRules.Check(graph);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_production_project_has_its_test_project_and_is_in_the_solution()
    {
        var graph = ProjectGraph.Load(Root.Value);
        var sln = File.ReadAllText(Path.Combine(Root.Value, "Kiosk.sln")).Replace('\\', '/');

        foreach (var node in graph.Nodes.Values)
        {
            // Build tools (firmware/tools/*) are run by hand to regenerate checked-in sources; they are not shipped.
            if (node.IsBuildTool) continue;
            if (node.RelativePath.EndsWith(".nfproj", StringComparison.Ordinal))
            {
                Assert.False(sln.Contains(node.RelativePath, StringComparison.Ordinal), node.RelativePath + " needs the nanoFramework SDK and must stay out of Kiosk.sln");
                continue;
            }
            Assert.True(sln.Contains(node.RelativePath, StringComparison.Ordinal), node.RelativePath + " is not in Kiosk.sln");
            if (!node.IsTestCode)
                Assert.True(graph.Nodes.ContainsKey(node.Name + ".Tests"), node.Name + " has no tests/" + node.Name + ".Tests project");
        }
    }

    [Fact]
    public void Each_rule_reports_a_broken_graph_with_the_offending_path()
    {
        static ProjectNode P(string name, string dir, params string[] refs) => new(name, dir + "/" + name + "/" + name + ".csproj", refs, Array.Empty<string>());
        var graph = new ProjectGraph(new[]
        {
            new ProjectNode(DependencyRules.Core, "firmware/Kiosk.Firmware.Core/Kiosk.Firmware.Core.csproj", new[] { "Kiosk.Firmware.Host" }, new[] { "Newtonsoft.Json" }),
            P(DependencyRules.Host, "firmware", DependencyRules.Bridge),
            P(DependencyRules.Bridge, "hostbridge", "Shared"),
            P("Shared", "hostbridge", DependencyRules.Municipality),
            P(DependencyRules.Municipality, "hostbridge", DependencyRules.Emulator, DependencyRules.Host),
            P(DependencyRules.Emulator, "hardware"),
            P(DependencyRules.Simulator, "firmware", DependencyRules.Emulator),
            P("Kiosk.Kioskctl", "firmware", "Kiosk.Kioskctl.Tests", DependencyRules.Bridge, "Kiosk.Firmware.AssetBuild"),
            P("Kiosk.Firmware.AssetBuild", "firmware/tools"),
            P("Kiosk.Kioskctl.Tests", "tests", "Kiosk.Kioskctl"),
        });

        var problems = DependencyRules.Check(graph);

        Assert.Contains("Kiosk.Firmware.Core must reference no project (it builds for nanoFramework too) but references Kiosk.Firmware.Host", problems);
        Assert.Contains("Kiosk.Firmware.Core must reference no package (nanoFramework has none of them) but references Newtonsoft.Json", problems);
        Assert.Contains("Kiosk.HostBridge must not use Kiosk.Municipality (they share only the documented HTTP API): Kiosk.HostBridge -> Shared -> Kiosk.Municipality", problems);
        Assert.Contains("Kiosk.Municipality is production code and must not use Kiosk.Hardware.Emulator: Kiosk.Municipality -> Kiosk.Hardware.Emulator", problems);
        Assert.Contains("Kiosk.Firmware.Host must not depend on Kiosk.HostBridge: Kiosk.Firmware.Host -> Kiosk.HostBridge", problems);
        Assert.Contains("Kiosk.Municipality must not depend on Kiosk.Firmware.Host: Kiosk.Municipality -> Kiosk.Firmware.Host", problems);
        Assert.Contains("Kiosk.Kioskctl is production code and must not reference test code Kiosk.Kioskctl.Tests", problems);
        Assert.Contains("Kiosk.Kioskctl is production code and must not reference the build tool Kiosk.Firmware.AssetBuild", problems);
        Assert.Contains("reference cycle through Kiosk.Kioskctl: Kiosk.Kioskctl -> Kiosk.Kioskctl.Tests -> Kiosk.Kioskctl", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith(DependencyRules.Simulator + " is production code", StringComparison.Ordinal));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }
}
