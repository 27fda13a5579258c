using System.Xml.Linq;

namespace Kiosk.Firmware.Core.Tests.Board;

/// <summary>The packages.config of a nanoFramework project: package id to version.</summary>
internal static class PackagesConfig
{
    public static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Descendants("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!, StringComparer.Ordinal);

    /// <summary>The NuGet package each API listing in ../shared/nanoframework-api was taken from.</summary>
    public static readonly IReadOnlyDictionary<string, string> PackageOfListing = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mscorlib.txt"] = "nanoFramework.CoreLibrary",
        ["System.Net.txt"] = "nanoFramework.System.Net",
        ["System.Net.Http.txt"] = "nanoFramework.System.Net.Http",
        ["nanoFramework.Runtime.Events.txt"] = "nanoFramework.Runtime.Events",
        ["System.Device.Gpio.txt"] = "nanoFramework.System.Device.Gpio",
        ["nanoFramework.System.Text.txt"] = "nanoFramework.System.Text",
        ["nanoFramework.System.Collections.txt"] = "nanoFramework.System.Collections",
        ["System.Threading.txt"] = "nanoFramework.System.Threading",
        ["System.IO.Streams.txt"] = "nanoFramework.System.IO.Streams",
        ["System.Math.txt"] = "nanoFramework.System.Math",
        ["System.Buffers.Binary.BinaryPrimitives.txt"] = "nanoFramework.System.Buffers.Binary.BinaryPrimitives",
    };
}
