using System.Text;
using Kiosk.Kioskctl.Cli;

namespace Kiosk.Kioskctl.Tests.Card;

/// <summary>Runs kioskctl in-process with captured output, a scripted standard input and a scripted PIN prompt.</summary>
internal static class Kioskctl
{
    public sealed record Run(int Exit, string Out, string Error);

    public static Run Invoke(string stdin, params string[] args) => Invoke(stdin, new ScriptedPinPrompt(null), args);

    public static Run Invoke(string stdin, IPinPrompt prompt, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, new MemoryStream(Encoding.ASCII.GetBytes(stdin)), prompt);
        int exit = CommandTable.Default().Run(args, context);
        return new Run(exit, output.ToString(), error.ToString());
    }

    /// <summary>A prompt that types a fixed PIN, or reports "no terminal" when the PIN is null.</summary>
    public sealed class ScriptedPinPrompt : IPinPrompt
    {
        private readonly string? _pin;

        public ScriptedPinPrompt(string? pin) => _pin = pin;

        public int Prompts { get; private set; }

        public int Read(string prompt, byte[] pin)
        {
            Prompts++;
            if (_pin is null)
            {
                return -1;
            }

            byte[] bytes = Encoding.ASCII.GetBytes(_pin);
            bytes.CopyTo(pin, 0);
            return bytes.Length;
        }
    }
}
