using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Commands.Card;

/// <summary>kioskctl card sign-test: verify the auth PIN, sign a random challenge, check the signature with the certificate.</summary>
public sealed class CardSignTestCommand : ICommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Words { get; } = new[] { "card", "sign-test" };

    /// <inheritdoc />
    public string Synopsis => CardConnection.Synopsis + " [--pin-stdin] [--i-understand-last-try]";

    /// <inheritdoc />
    public string Summary => "verify the PIN, sign a random challenge and check it with the certificate";

    /// <inheritdoc />
    public int Run(CommandContext context, Arguments arguments)
    {
        bool pinFromStdin = arguments.Flag("--pin-stdin");
        bool lastTryAccepted = arguments.Flag("--i-understand-last-try");
        using CardConnection? connection = CardConnection.OpenWithCard(context, arguments, out int exit);
        if (connection is null)
        {
            return exit;
        }

        CardResult certificate = connection.Card.ReadAuthCertificate();
        if (!certificate.IsOk)
        {
            return connection.Report(context, certificate);
        }

        CardResult tries = connection.Card.QueryPinTriesLeft();
        if (!tries.IsOk)
        {
            return connection.Report(context, tries);
        }

        if (tries.TriesLeft == 1 && !lastTryAccepted)
        {
            return context.Fail(ExitCode.LastTryRefused, "only 1 PIN try left and a wrong PIN would lock the card; refusing (pass --i-understand-last-try to go on)");
        }

        byte[] pin = new byte[8];
        try
        {
            int count = pinFromStdin ? PinFromStream.Read(context.Input, pin) : context.PinPrompt.Read("PIN (4 digits): ", pin);
            if (count < 0)
            {
                return context.Fail(ExitCode.Usage, "no terminal to read the PIN from; use --pin-stdin");
            }

            CardResult verified = connection.Card.VerifyPin(pin, 0, count);
            if (!verified.IsOk)
            {
                return connection.Report(context, verified);
            }
        }
        finally
        {
            Array.Clear(pin);
        }

        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        CardResult signed = connection.Card.SignChallenge(challenge, 0, challenge.Length);
        if (!signed.IsOk)
        {
            return connection.Report(context, signed);
        }

        using var cert = X509CertificateLoader.LoadCertificate(certificate.Data!);
        using RSA? rsa = cert.GetRSAPublicKey();
        if (rsa is null)
        {
            return context.Fail(ExitCode.SignatureInvalid, "the auth certificate has no RSA key; cannot check the signature");
        }

        if (!rsa.VerifyData(challenge, signed.Data!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return context.Fail(ExitCode.SignatureInvalid, "the card's signature does NOT verify with its certificate's public key");
        }

        context.Out.WriteLine("reader:      " + connection.Describe());
        context.Out.WriteLine("subject:     " + cert.Subject);
        context.Out.WriteLine("signature:   OK (" + signed.Data!.Length * 8 + "-bit RSA PKCS#1 v1.5 over SHA-256 of a random 32-byte challenge, verified with the certificate's key)");
        context.Out.WriteLine("apdus:       " + connection.Card.Channel.ApduCount);
        return ExitCode.Ok;
    }
}
