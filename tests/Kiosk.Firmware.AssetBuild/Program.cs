using Kiosk.Firmware.AssetBuild;

// Usage: dotnet run --project tests/Kiosk.Firmware.AssetBuild [-- --check]
var root = AssetPaths.FindRepoRoot(AppContext.BaseDirectory);
var check = args.Contains("--check");
var outputs = AssetBuilder.BuildAll(root);
var stale = 0;
foreach (var (path, text) in outputs)
{
    var full = Path.Combine(root, path);
    var current = File.Exists(full) ? File.ReadAllText(full) : null;
    if (current == text) { Console.WriteLine("up to date  " + path); continue; }
    if (check) { Console.WriteLine("STALE       " + path); stale++; continue; }
    File.WriteAllText(full, text);
    Console.WriteLine("written     " + path + " (" + text.Length + " chars)");
}
return stale == 0 ? 0 : 1;
