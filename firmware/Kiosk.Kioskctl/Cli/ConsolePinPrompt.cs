namespace Kiosk.Kioskctl.Cli;

/// <summary>No-echo PIN entry on the console, key by key, so the PIN never exists as a string.</summary>
public sealed class ConsolePinPrompt : IPinPrompt
{
    /// <inheritdoc />
    public int Read(string prompt, byte[] pin)
    {
        if (Console.IsInputRedirected)
        {
            return -1;
        }

        Console.Error.Write(prompt);
        int count = 0;
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (count > 0)
                {
                    pin[--count] = 0;
                }

                continue;
            }

            if (count < pin.Length)
            {
                pin[count++] = (byte)(key.KeyChar < 128 ? key.KeyChar : '?');
            }
        }

        Console.Error.WriteLine();
        return count;
    }
}
