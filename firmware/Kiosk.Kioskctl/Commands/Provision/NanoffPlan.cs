namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>Which nanoff command line to speak: the verb CLI of current nanoff releases, or the dashed options of the 2.5.x line.</summary>
public enum NanoffCli
{
    /// <summary><c>nanoff flash target T serialport P</c>, <c>nanoff deploy network F</c>, <c>nanoff details serialport P</c> (one verb per command).</summary>
    Verbs,

    /// <summary><c>nanoff --update --target T --serialport P</c>, <c>--deploy --image</c>, <c>--devicedetails</c> (nanoff 2.5.x).</summary>
    Classic,
}

/// <summary>One nanoff invocation with what it is for.</summary>
public sealed record NanoffStep(string Title, IReadOnlyList<string> Arguments)
{
    /// <summary>The command line as a technician would type it (paths quoted).</summary>
    public string CommandLine => "nanoff " + string.Join(' ', Arguments.Select(a => IsFile(a) || a.Contains(' ') ? "\"" + a + "\"" : a));

    // Files are quoted so a copied line survives spaces in the bundle path; ports and keywords stay bare.
    private static bool IsFile(string a) => a.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || a.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The exact nanoff commands for one unit, in the order they must run: firmware, network and certificates, files, application, read-back.</summary>
public sealed record NanoffPlan(IReadOnlyList<NanoffStep> Steps, NanoffStep ReadBack, IReadOnlyList<string> ManualSteps)
{
    /// <summary>Builds the plan. <paramref name="image"/> null means "no application image given" (the step is listed as manual).</summary>
    public static NanoffPlan Build(NanoffCli cli, string port, string target, string? firmwareVersion, bool massErase, string networkJson,
        string filesJson, string? image)
    {
        var steps = new List<NanoffStep>();
        var manual = new List<string>();
        if (cli == NanoffCli.Verbs)
        {
            var flash = new List<string> { "flash", "target", target, "serialport", port };
            if (firmwareVersion is not null) flash.AddRange(["fwversion", firmwareVersion]);
            if (massErase) flash.Add("masserase");
            steps.Add(new NanoffStep("flash the firmware (nanoBooter + nanoCLR)", flash));
            // Network and certificates go after the flash: flashing restores the config partition it backed up, which would undo them.
            steps.Add(new NanoffStep("write Wi-Fi, the CA bundle and the device certificate", ["deploy", "network", networkJson, "serialport", port]));
            steps.Add(new NanoffStep("write the terminal configuration file", ["deploy", "file", filesJson, "serialport", port]));
            if (image is not null)
                steps.Add(new NanoffStep("deploy the application image", ["deploy", "target", target, "serialport", port, "image", image]));
            return new NanoffPlan(steps, new NanoffStep("read back the device's versions", ["details", "serialport", port]), AddImage(manual, image));
        }
        var update = new List<string> { "--target", target, "--serialport", port, "--update" };
        if (firmwareVersion is not null) update.AddRange(["--fwversion", firmwareVersion]);
        if (massErase) update.Add("--masserase");
        steps.Add(new NanoffStep("flash the firmware (nanoBooter + nanoCLR)", update));
        steps.Add(new NanoffStep("write the terminal configuration file", ["--serialport", port, "--filedeployment", filesJson]));
        if (image is not null)
            steps.Add(new NanoffStep("deploy the application image", ["--target", target, "--serialport", port, "--deploy", "--image", image]));
        // nanoff 2.5.x has no command-line network deployment: the certificates and Wi-Fi need the verb CLI or Device Explorer.
        manual.Add("write Wi-Fi and certificates from " + networkJson + " with Device Explorer's Network configuration dialog "
            + "(or a nanoff with the verb CLI: nanoff deploy network \"" + networkJson + "\" serialport " + port + ")");
        return new NanoffPlan(steps, new NanoffStep("read back the device's versions", ["--nanodevice", "--serialport", port, "--devicedetails"]),
            AddImage(manual, image));
    }

    private static List<string> AddImage(List<string> manual, string? image)
    {
        if (image is null) manual.Add("deploy the application image: pass --app-image FILE (the .bin from the Release build)");
        return manual;
    }
}
