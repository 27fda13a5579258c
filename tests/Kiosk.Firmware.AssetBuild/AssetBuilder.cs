namespace Kiosk.Firmware.AssetBuild;

/// <summary>Produces every generated file from the catalogue; returns (repo-relative path, content) pairs.</summary>
public static class AssetBuilder
{
    public static List<(string Path, string Text)> BuildAll(string repoRoot)
    {
        var model = CatalogModel.Load(System.IO.Path.Combine(repoRoot, AssetPaths.Catalog));
        return new List<(string, string)>
        {
            (AssetPaths.CatalogCode, CatalogGenerator.Generate(model)),
            (AssetPaths.FontCode, FontGenerator.Generate(model)),
            (AssetPaths.ShapedCode, ShapedGenerator.Generate(model)),
        };
    }
}
