using System.Xml.Linq;

namespace Kiosk.EndToEnd.Tests.Architecture;

/// <summary>One project file: where it lives and what it references.</summary>
public sealed record ProjectNode(string Name, string RelativePath, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences)
{
    /// <summary>True for projects under tests/ (test projects, test support, benchmarks).</summary>
    public bool IsTestCode => RelativePath.StartsWith("tests/", StringComparison.Ordinal);

    /// <summary>True for tools under a tools/ folder (code generators, the load tool): run by developers, never shipped or
    /// referenced by production code.</summary>
    public bool IsBuildTool => RelativePath.Split('/').Contains("tools");
}

/// <summary>The project-reference graph of the repository, read from every .csproj and .nfproj file.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectNode> _nodes;

    public ProjectGraph(IEnumerable<ProjectNode> nodes) => _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    /// <summary>Every project by name.</summary>
    public IReadOnlyDictionary<string, ProjectNode> Nodes => _nodes;

    /// <summary>Reads all project files below <paramref name="root"/>, skipping build output.</summary>
    public static ProjectGraph Load(string root)
    {
        var nodes = new List<ProjectNode>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*proj", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (rel.Split('/').Any(p => p is "bin" or "obj" or "artifacts" or "node_modules" || p.StartsWith('.'))) continue;
            if (!(file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".nfproj", StringComparison.Ordinal))) continue;
            var doc = XDocument.Load(file);
            var dir = Path.GetDirectoryName(file)!;
            var projects = doc.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include"))
                .Where(i => i != null)
                .Select(i => Path.GetFileNameWithoutExtension(Path.GetFullPath(Path.Combine(dir, i!.Replace('\\', '/')))))
                .ToList();
            var packages = doc.Descendants().Where(e => e.Name.LocalName == "PackageReference")
                .Select(e => (string?)e.Attribute("Include") ?? "")
                .ToList();
            nodes.Add(new ProjectNode(Path.GetFileNameWithoutExtension(file), rel, projects, packages));
        }
        return new ProjectGraph(nodes);
    }

    /// <summary>Every project reachable from <paramref name="name"/> through project references (not itself).</summary>
    public IReadOnlySet<string> Reachable(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(name);
        while (stack.Count > 0)
        {
            if (!_nodes.TryGetValue(stack.Pop(), out var node)) continue;
            foreach (var r in node.ProjectReferences)
                if (seen.Add(r)) stack.Push(r);
        }
        return seen;
    }

    /// <summary>The path of references from <paramref name="from"/> to <paramref name="to"/>, for messages.</summary>
    public string PathBetween(string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == to && current != from) break;
            if (!_nodes.TryGetValue(current, out var node)) continue;
            foreach (var r in node.ProjectReferences)
                if (r != from && previous.TryAdd(r, current)) queue.Enqueue(r);
        }
        if (!previous.ContainsKey(to)) return from + " -/-> " + to;
        var path = new List<string> { to };
        for (var at = to; at != from;) path.Add(at = previous[at]);
        path.Reverse();
        return string.Join(" -> ", path);
    }
}
