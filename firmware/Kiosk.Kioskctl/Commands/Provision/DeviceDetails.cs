using System.Text.RegularExpressions;

namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>The versions a device reports in nanoff's device details: the nanoCLR build and the deployed application assembly.</summary>
public sealed partial record DeviceDetails(string? FirmwareVersion, string? AppVersion, string? TargetName)
{
    // nanoff prints the CLR as "CLR Version: 1.12.0.53" in the details block ("nanoCLR: 1.12.0.53" in device lists) and each
    // deployed assembly as "  Name, 1.2.3.4" under the assemblies heading.
    [GeneratedRegex(@"^\s*(?:CLR Version|nanoCLR)\s*:\s*v?(?<v>\d+(?:\.\d+){1,3})", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ClrPattern();

    [GeneratedRegex(@"^\s*Target\s*:\s*(?<t>[A-Za-z0-9_]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex TargetPattern();

    /// <summary>Reads the versions from nanoff's output; a value is null when the output does not show it.</summary>
    public static DeviceDetails Parse(string nanoffOutput, string appAssembly)
    {
        var clr = ClrPattern().Match(nanoffOutput);
        var target = TargetPattern().Match(nanoffOutput);
        var app = Regex.Match(nanoffOutput, @"^\s*" + Regex.Escape(appAssembly) + @"\s*,\s*v?(?<v>\d+(?:\.\d+){1,3})",
            RegexOptions.IgnoreCase | RegexOptions.Multiline);
        return new DeviceDetails(clr.Success ? clr.Groups["v"].Value : null, app.Success ? app.Groups["v"].Value : null,
            target.Success ? target.Groups["t"].Value : null);
    }

    /// <summary>True when two dotted versions are equal once missing trailing parts count as 0 (1.2.3 = 1.2.3.0).</summary>
    public static bool SameVersion(string? expected, string? actual)
    {
        if (expected is null || actual is null) return false;
        return Version.TryParse(Normalise(expected), out var a) && Version.TryParse(Normalise(actual), out var b) && a == b;
    }

    private static string Normalise(string v)
    {
        var parts = v.TrimStart('v', 'V').Split('.').ToList();
        while (parts.Count < 4) parts.Add("0");
        return string.Join('.', parts);
    }
}
