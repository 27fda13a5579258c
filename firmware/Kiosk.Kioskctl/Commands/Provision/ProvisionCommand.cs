using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>
/// <c>kioskctl provision</c>: makes the device key and CSR on this laptop (nanoFramework cannot make keys), enrols with a one-time
/// token, and writes an owner-only bundle (key, certificate, CA bundle, nanoff network deployment, device config) plus the nanoff commands.
/// </summary>
public sealed partial class ProvisionCommand : ICommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex StoreIdPattern();

    /// <summary>Firmware target flashed by default (ESP32-WROVER with PSRAM, chip revision 3).</summary>
    public const string DefaultTarget = "ESP32_PSRAM_REV3";

    /// <inheritdoc />
    public IReadOnlyList<string> Words { get; } = ["provision"];

    /// <inheritdoc />
    public string Synopsis => "--store ID --token T --bridge URL --port SERIAL [--out DIR] [--bridge-ca PEM] [--key ecdsa|rsa] "
        + "[--wifi-ssid S --wifi-password P] [--display V] [--keypad V] [--kiosk-url URL] [--app-image FILE --app-version V] [--fw-version V] "
        + "[--target T] [--masserase] [--nanoff PATH] [--nanoff-cli verbs|classic] [--app-assembly NAME] [--dry-run]";

    /// <inheritdoc />
    public string Summary => "Enrol a terminal, write its owner-only bundle, run nanoff (flash, configure, deploy) and read the versions back";

    /// <summary>Assembly whose version the read-back compares with <c>--app-version</c>.</summary>
    public const string DefaultAppAssembly = "Kiosk.Firmware.Esp32";

    /// <inheritdoc />
    public int Run(CommandContext context, Arguments arguments)
    {
        var store = Required(arguments, "--store");
        var token = Required(arguments, "--token");
        var bridgeText = Required(arguments, "--bridge");
        var port = Required(arguments, "--port");
        var outDir = arguments.Value("--out") ?? "kiosk-bundle-" + store;
        var caFile = arguments.Value("--bridge-ca");
        var keyKind = arguments.Value("--key") ?? "ecdsa";
        var ssid = arguments.Value("--wifi-ssid");
        var wifiPassword = arguments.Value("--wifi-password");
        var display = arguments.Value("--display") ?? "ili9341-320x240";
        var keypad = arguments.Value("--keypad") ?? "matrix-4x3";
        var kioskUrl = arguments.Value("--kiosk-url");
        var appImage = arguments.Value("--app-image");
        var target = arguments.Value("--target") ?? DefaultTarget;
        var nanoffPath = arguments.Value("--nanoff");
        var cliText = arguments.Value("--nanoff-cli") ?? "verbs";
        var firmwareVersion = arguments.Value("--fw-version");
        var appVersion = arguments.Value("--app-version");
        var appAssembly = arguments.Value("--app-assembly") ?? DefaultAppAssembly;
        var massErase = arguments.Flag("--masserase");
        var dryRun = arguments.Flag("--dry-run");
        var stepTimeout = TimeSpan.FromSeconds(int.TryParse(arguments.Value("--step-timeout") ?? "900", out var t) && t > 0 ? t : 900);
        arguments.RejectUnknown();
        if (cliText is not ("verbs" or "classic")) throw new UsageException("--nanoff-cli is verbs or classic");
        var cli = cliText == "verbs" ? NanoffCli.Verbs : NanoffCli.Classic;
        var nanoff = dryRun ? null : NanoffLocator.Find(nanoffPath, Environment.GetEnvironmentVariable("PATH"));
        if (nanoff is not null)
        {
            // Checked before the token is spent: a run that flashes must know what it flashes, or the read-back proves nothing.
            if (firmwareVersion is null) throw new UsageException("--fw-version is required to flash (pin the nanoCLR version; the read-back compares it)");
            if (appImage is null || appVersion is null)
                throw new UsageException("--app-image and --app-version are required to deploy (or pass --dry-run to only write the bundle and print the commands)");
        }

        if (!StoreIdPattern().IsMatch(store)) throw new UsageException("--store: letters, digits, . _ - (max 64)");
        if (!Uri.TryCreate(bridgeText, UriKind.Absolute, out var bridge) || bridge.Scheme != Uri.UriSchemeHttps)
            throw new UsageException("--bridge must be an https:// URL (the bridge's fleet port)");
        if (keyKind is not ("ecdsa" or "rsa")) throw new UsageException("--key is ecdsa or rsa");
        if (wifiPassword is not null && ssid is null) throw new UsageException("--wifi-password needs --wifi-ssid");
        if (appImage is not null && !File.Exists(appImage)) return context.Fail(ExitCode.Failure, "application image not found: " + appImage);
        X509Certificate2? trustedCa = null;
        if (caFile is not null)
        {
            try
            {
                trustedCa = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                return context.Fail(ExitCode.Failure, "cannot read the fleet CA from " + caFile + ": " + e.Message);
            }
        }

        var bundle = BundleFolder.Create(outDir);
        if (bundle is null) return context.Fail(ExitCode.BundleExists, "bundle folder " + outDir + " exists and is not empty; choose another --out");

        // The key exists only in memory and in the bundle folder; it is never sent anywhere.
        using AsymmetricAlgorithm key = keyKind == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = "CN=" + store + " terminal";
        var request = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        var keyPath = bundle.Write("device.key.pem", keyPem);

        context.Out.WriteLine("Enrolling with " + bridge + " for store " + store + "...");
        var result = EnrolmentClient.EnrolAsync(bridge, trustedCa, token, store, request.CreateSigningRequestPem(), CancellationToken.None).GetAwaiter().GetResult();
        if (!result.Ok)
        {
            bundle.Delete();
            return context.Fail(result.Unreachable ? ExitCode.BridgeUnreachable : ExitCode.EnrolmentRefused, result.Error!);
        }
        if (result.StoreId != store)
        {
            // Only a bridge that ignores "storeId" gets here: the certificate is issued for the token's store, so the bundle must say that store.
            context.Error.WriteLine("kioskctl: warning: the token belongs to store " + result.StoreId + ", not " + store + "; the bundle uses "
                + result.StoreId);
            store = result.StoreId!;
        }

        var certPath = bundle.Write("device.crt.pem", result.Certificate!);
        var caPath = bundle.Write("ca-bundle.pem", result.CaBundle ?? "");
        // nanoFramework's device certificate store takes the certificate followed by its private key.
        var deviceStorePath = bundle.Write("device-certificates.pem", result.Certificate!.TrimEnd() + "\n" + keyPem);
        var config = new Dictionary<string, object?>
        {
            ["deviceId"] = result.DeviceId,
            ["storeId"] = store,
            ["bridgeUrl"] = kioskUrl ?? result.KioskUrl ?? bridge.GetLeftPart(UriPartial.Authority),
            ["wifiSsid"] = ssid,
            ["display"] = display,
            ["keypad"] = keypad,
        };
        var configPath = bundle.Write("device-config.json", JsonSerializer.Serialize(config, Indented));
        var network = new Dictionary<string, object?>
        {
            ["SerialPort"] = port,
            ["DeviceCertificatesPath"] = deviceStorePath,
            ["CACertificatesPath"] = caPath,
        };
        if (ssid is not null)
        {
            network["WirelessClient"] = new Dictionary<string, object?>
            {
                ["Ssid"] = ssid, ["Password"] = wifiPassword ?? "", ["Authentication"] = "WPA2", ["ConfigurationOption"] = "Enable",
            };
        }
        var networkPath = bundle.Write("network-deployment.json", JsonSerializer.Serialize(network, Indented));
        var filesPath = bundle.Write("file-deployment.json", JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["SerialPort"] = port,
            ["files"] = new[] { new Dictionary<string, string> { ["DestinationFilePath"] = "I:\\kiosk-config.json", ["SourceFilePath"] = configPath } },
        }, Indented));
        var imagePath = appImage is null ? null : bundle.CopyIn(appImage, Path.GetFileName(appImage));

        context.Out.WriteLine("Enrolled device " + result.DeviceId + " for store " + store + ".");
        context.Out.WriteLine("Bundle (owner-only): " + bundle.Path);
        foreach (var file in new[] { keyPath, certPath, caPath, deviceStorePath, configPath, networkPath, filesPath })
            context.Out.WriteLine("  " + Path.GetFileName(file));
        context.Out.WriteLine();
        var plan = NanoffPlan.Build(cli, port, target, firmwareVersion, massErase, networkPath, filesPath, imagePath);
        context.Out.WriteLine("Flash, configure and deploy with:");
        foreach (var step in plan.Steps) context.Out.WriteLine("  " + step.CommandLine);
        foreach (var manual in plan.ManualSteps) context.Out.WriteLine("  (by hand) " + manual);
        context.Out.WriteLine("Then read the versions back with:");
        context.Out.WriteLine("  " + plan.ReadBack.CommandLine);

        if (dryRun)
        {
            context.Out.WriteLine("Dry run: nothing was flashed. The bundle is complete and the token is spent.");
            return ExitCode.Ok;
        }
        if (nanoff is null)
        {
            return context.Fail(ExitCode.NanoffMissing, "nanoff is not installed; install it with `dotnet tool install -g nanoff` "
                + "(and put ~/.dotnet/tools on PATH), then run the commands above. The bundle is complete and the token is spent.");
        }
        context.Out.WriteLine();
        return new NanoffSession(context, new NanoffRunner(nanoff, context.Out, context.Error, stepTimeout), bundle).Run(plan, firmwareVersion!,
            appVersion!, appAssembly);
    }

    private static string Required(Arguments arguments, string name)
        => arguments.Value(name) is { Length: > 0 } v ? v : throw new UsageException(name + " is required");
}
