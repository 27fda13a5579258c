namespace Kiosk.Kioskctl.Cli;

/// <summary>One kioskctl command (e.g. "card info"); add a file implementing this and a line in <see cref="CommandTable.Default"/>.</summary>
public interface ICommand
{
    /// <summary>The words that select the command, e.g. ["card", "info"].</summary>
    IReadOnlyList<string> Words { get; }

    /// <summary>Options synopsis shown in help, e.g. "--pn532 PATH|tcp:HOST:PORT | --pcsc [READER]".</summary>
    string Synopsis { get; }

    /// <summary>One-line description for the help listing.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the command words; returns the process exit code.</summary>
    int Run(CommandContext context, Arguments arguments);
}
