using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Fleet;
using Kiosk.Firmware.Host.Timing;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Renew;

/// <summary><c>kioskctl renew</c>: asks the bridge over the bundle's own mutual TLS whether its device certificate is due, and when it
/// is, stores the renewed certificate (same key) in the bundle. The board renews itself while running; this is for a bundle
/// whose board is off, or before flashing one that sat on a shelf.</summary>
public sealed class RenewCommand : ICommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Words { get; } = ["renew"];

    /// <inheritdoc />
    public string Synopsis => "--bundle DIR [--bridge https://HOST:PORT]";

    /// <inheritdoc />
    public string Summary => "renew a bundle's device certificate when the bridge says it is due (same key)";

    /// <inheritdoc />
    public int Run(CommandContext context, Arguments arguments)
    {
        var folder = arguments.Value("--bundle") ?? throw new UsageException("--bundle DIR is required");
        var bridgeText = arguments.Value("--bridge");
        arguments.RejectUnknown();
        Uri? bridgeOverride = null;
        if (bridgeText is not null && (!Uri.TryCreate(bridgeText, UriKind.Absolute, out bridgeOverride) || bridgeOverride.Scheme != Uri.UriSchemeHttps))
            throw new UsageException("--bridge must be an https:// URL (the kiosk port, mutual TLS)");

        RenewalBundle bundle;
        try
        {
            bundle = RenewalBundle.Load(folder);
        }
        catch (InvalidDataException e)
        {
            return context.Fail(ExitCode.BundleUnreadable, e.Message);
        }
        var bridge = bridgeOverride ?? bundle.BridgeUrl;
        var before = bundle.CurrentSerial;
        var streams = new BundleTlsStreams(bundle, bridge, 15_000);
        var renewer = new CertificateRenewer(new BridgeLink(streams, new HostClock(), bridge.Host), bundle, new HostClock(), 0);
        var result = renewer.CheckNow();
        switch (result)
        {
            case RenewalResult.Renewed:
                context.Out.WriteLine("renewed: device " + bundle.DeviceId + " certificate " + before + " -> " + bundle.CurrentSerial
                    + ", valid until " + bundle.Device.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm") + " UTC (same key)");
                context.Out.WriteLine("  wrote device.crt.pem and device-certificates.pem; the old certificate is kept as device.crt.previous.pem"
                    + " and stops working once the new one is first used");
                context.Out.WriteLine("  deploy the bundle's device-certificates.pem to the board if it is already flashed");
                return ExitCode.Ok;
            case RenewalResult.NotDue:
                context.Out.WriteLine("not due: the bridge says certificate " + before + " of device " + bundle.DeviceId + " needs no renewal yet ("
                    + (renewer.LastReason ?? "not-due") + "); valid until " + bundle.Device.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd")
                    + "; nothing changed");
                return ExitCode.Ok;
            case RenewalResult.Unreachable:
                return context.Fail(ExitCode.BridgeUnreachable, "cannot reach the bridge at " + bridge + " with the bundle's certificate: "
                    + (streams.LastError ?? renewer.LastReason ?? "no answer") + " (check the URL, the network, and that the device is enrolled and not revoked)");
            case RenewalResult.Refused:
                return context.Fail(ExitCode.RenewalRefused, "the bridge refused the renewal: " + renewer.LastReason);
            case RenewalResult.StoreFailed:
                return context.Fail(ExitCode.Failure, "the bridge renewed the certificate but it could not be written into " + folder
                    + "; the old certificate stays valid until the new one is first used: run kioskctl renew again");
            default:
                return context.Fail(ExitCode.Failure, "unexpected answer from the bridge: " + renewer.LastReason);
        }
    }
}
