namespace Kiosk.EndToEnd.Tests.Architecture;

/// <summary>
/// The dependency direction of docs/architecture.md as checks on the project graph: arrows point down only, the core
/// depends on nothing, nothing in production uses the emulators, the bridge and the municipality share no code.
/// </summary>
public static class DependencyRules
{
    public const string Core = "Kiosk.Firmware.Core";
    public const string Host = "Kiosk.Firmware.Host";
    public const string Simulator = "Kiosk.Firmware.Simulator";
    public const string Emulator = "Kiosk.Hardware.Emulator";
    public const string Bridge = "Kiosk.HostBridge";
    public const string Municipality = "Kiosk.Municipality";
    public const string Kioskctl = "Kiosk.Kioskctl";

    /// <summary>Every broken rule, one readable line each (empty when the graph is clean).</summary>
    public static IReadOnlyList<string> Check(ProjectGraph graph)
    {
        var problems = new List<string>();

        if (graph.Nodes.TryGetValue(Core, out var core))
        {
            foreach (var r in core.ProjectReferences)
                problems.Add(Core + " must reference no project (it builds for nanoFramework too) but references " + r);
            foreach (var p in core.PackageReferences)
                problems.Add(Core + " must reference no package (nanoFramework has none of them) but references " + p);
        }
        else
        {
            problems.Add(Core + " is missing");
        }

        foreach (var (a, b) in new[] { (Bridge, Municipality), (Municipality, Bridge) })
            if (graph.Reachable(a).Contains(b))
                problems.Add(a + " must not use " + b + " (they share only the documented HTTP API): " + graph.PathBetween(a, b));

        foreach (var node in graph.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            // Production code never ships the emulators; only the simulator (a development board) and tests may use them.
            // Tools (tools/, firmware/tools/) are run by developers and never shipped: the load tool drives emulated terminals.
            if (!node.IsTestCode && !node.IsBuildTool && node.Name != Simulator && node.Name != Emulator && graph.Reachable(node.Name).Contains(Emulator))
                problems.Add(node.Name + " is production code and must not use " + Emulator + ": " + graph.PathBetween(node.Name, Emulator));

            // The services see the terminal only through the protocol (the core's shared definitions at most).
            if (node.Name is Bridge or Municipality)
                foreach (var terminalSide in new[] { Host, Simulator, Kioskctl })
                    if (graph.Reachable(node.Name).Contains(terminalSide))
                        problems.Add(node.Name + " must not depend on " + terminalSide + ": " + graph.PathBetween(node.Name, terminalSide));

            // The portable pieces of the terminal stay below the services.
            if (node.Name is Core or Host)
                foreach (var service in new[] { Bridge, Municipality, Simulator })
                    if (graph.Reachable(node.Name).Contains(service))
                        problems.Add(node.Name + " must not depend on " + service + ": " + graph.PathBetween(node.Name, service));

            if (graph.Reachable(node.Name).Contains(node.Name))
            {
                var back = node.ProjectReferences.First(r => r == node.Name || graph.Reachable(r).Contains(node.Name));
                problems.Add("reference cycle through " + node.Name + ": " + node.Name + " -> " + (back == node.Name ? back : graph.PathBetween(back, node.Name)));
            }

            foreach (var r in node.ProjectReferences)
                if (!graph.Nodes.ContainsKey(r))
                    problems.Add(node.Name + " references " + r + ", which is not a project in the repository");

            // Production projects never reference test projects or build tools.
            if (!node.IsTestCode && !node.IsBuildTool)
                foreach (var r in node.ProjectReferences)
                    if (graph.Nodes.TryGetValue(r, out var target) && (target.IsTestCode || target.IsBuildTool))
                        problems.Add(node.Name + " is production code and must not reference " + (target.IsTestCode ? "test code " : "the build tool ") + r);
        }
        return problems;
    }
}
