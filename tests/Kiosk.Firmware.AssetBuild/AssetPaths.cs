namespace Kiosk.Firmware.AssetBuild;

/// <summary>Where the catalogue and the generated files live, relative to the repository root.</summary>
public static class AssetPaths
{
    public const string Catalog = "firmware/Kiosk.Firmware.Core/Ui/Messages/catalog.json";
    public const string CatalogCode = "firmware/Kiosk.Firmware.Core/Ui/Messages/Catalog.g.cs";
    public const string FontCode = "firmware/Kiosk.Firmware.Core/Ui/Fonts/GlyphData.g.cs";
    public const string ShapedCode = "firmware/Kiosk.Firmware.Core/Ui/Fonts/ShapedData.g.cs";

    /// <summary>Walks up from <paramref name="start"/> to the folder holding Kiosk.sln.</summary>
    public static string FindRepoRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kiosk.sln not found above " + start);
    }
}
