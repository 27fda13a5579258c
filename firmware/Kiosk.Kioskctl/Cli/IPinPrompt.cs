namespace Kiosk.Kioskctl.Cli;

/// <summary>Reads a PIN into a caller's byte buffer without echo; the caller wipes the buffer.</summary>
public interface IPinPrompt
{
    /// <summary>Prompts and reads up to <paramref name="pin"/>.Length bytes; returns the count, or -1 when no terminal is available.</summary>
    int Read(string prompt, byte[] pin);
}
