using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kiosk.Firmware.Core.Card;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Card;

/// <summary>kioskctl card info: card type, auth certificate summary and PIN tries left, without spending a try.</summary>
public sealed class CardInfoCommand : ICommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Words { get; } = new[] { "card", "info" };

    /// <inheritdoc />
    public string Synopsis => CardConnection.Synopsis;

    /// <inheritdoc />
    public string Summary => "show card type, auth certificate and PIN tries left";

    /// <inheritdoc />
    public int Run(CommandContext context, Arguments arguments)
    {
        using CardConnection? connection = CardConnection.OpenWithCard(context, arguments, out int exit);
        if (connection is null)
        {
            return exit;
        }

        context.Out.WriteLine("reader:      " + connection.Describe());
        CardResult token = connection.Card.ReadToken();
        context.Out.WriteLine("card type:   " + (token.IsOk ? CardType(token.Data!) : "My Number Card (token unreadable)"));
        CardResult certificate = connection.Card.ReadAuthCertificate();
        if (!certificate.IsOk)
        {
            return connection.Report(context, certificate);
        }

        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(certificate.Data!);
            CertificateSummary.Write(context.Out, cert);
        }
        catch (CryptographicException e)
        {
            return context.Fail(ExitCode.CardError, "the auth certificate does not parse: " + e.Message);
        }

        CardResult tries = connection.Card.QueryPinTriesLeft();
        if (tries.Status == CardStatus.Locked)
        {
            context.Out.WriteLine("tries left:  0 (locked)");
            return connection.Report(context, tries);
        }

        if (!tries.IsOk)
        {
            return connection.Report(context, tries);
        }

        context.Out.WriteLine("tries left:  " + (tries.TriesLeft < 0 ? "unknown (PIN already verified)" : tries.TriesLeft.ToString()));
        return ExitCode.Ok;
    }

    /// <summary>Names the medium from the JPKI token EF.</summary>
    public static string CardType(byte[] token)
    {
        string text = Encoding.ASCII.GetString(token).TrimEnd(' ', '\0');
        string kind = text switch
        {
            "JPKIAPICCTOKEN2" => "My Number Card",
            "JPKIAPICCTOKEN" => "Basic Resident Registration Card (old)",
            "JPKIAPGPSETOKEN" => "smartphone JPKI",
            _ => "unknown JPKI medium",
        };
        return kind + " (" + text + ")";
    }
}
