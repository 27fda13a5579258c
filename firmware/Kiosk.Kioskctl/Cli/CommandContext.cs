namespace Kiosk.Kioskctl.Cli;

/// <summary>Where a command talks to the technician: output, errors, standard input and the no-echo PIN prompt.</summary>
public sealed class CommandContext
{
    /// <summary>Creates a context (tests pass string writers and a memory stream).</summary>
    public CommandContext(TextWriter output, TextWriter error, Stream input, IPinPrompt pinPrompt)
    {
        Out = output;
        Error = error;
        Input = input;
        PinPrompt = pinPrompt;
    }

    /// <summary>Normal output.</summary>
    public TextWriter Out { get; }

    /// <summary>Error output (one line per failure, prefixed "kioskctl: ").</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input as bytes, for --pin-stdin (the PIN never becomes a string).</summary>
    public Stream Input { get; }

    /// <summary>Interactive PIN entry without echo.</summary>
    public IPinPrompt PinPrompt { get; }

    /// <summary>The real console.</summary>
    public static CommandContext FromConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput(), new ConsolePinPrompt());

    /// <summary>Writes "kioskctl: message" to the error output and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine("kioskctl: " + message);
        return exitCode;
    }
}
