using Kiosk.Kioskctl.Commands.Card;
using Kiosk.Kioskctl.Commands.Provision;
using Kiosk.Kioskctl.Commands.Renew;

namespace Kiosk.Kioskctl.Cli;

/// <summary>The list of commands and the dispatcher: the longest run of leading words that names a command wins.</summary>
public sealed class CommandTable
{
    private readonly List<ICommand> _commands;

    /// <summary>Creates a table over <paramref name="commands"/>.</summary>
    public CommandTable(IEnumerable<ICommand> commands) => _commands = commands.ToList();

    /// <summary>Every command kioskctl has; new groups (e.g. provision) add their lines here.</summary>
    public static CommandTable Default() => new(new ICommand[]
    {
        new CardInfoCommand(),
        new CardSignTestCommand(),
        new ProvisionCommand(),
        new RenewCommand(),
    });

    /// <summary>The registered commands.</summary>
    public IReadOnlyList<ICommand> Commands => _commands;

    /// <summary>Dispatches <paramref name="args"/>; returns the exit code.</summary>
    public int Run(string[] args, CommandContext context)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            WriteHelp(context.Out, string.Empty);
            return args.Length == 0 ? ExitCode.Usage : ExitCode.Ok;
        }

        ICommand? best = null;
        foreach (ICommand command in _commands)
        {
            if (command.Words.Count <= args.Length
                && command.Words.Select((w, i) => w == args[i]).All(m => m)
                && (best is null || command.Words.Count > best.Words.Count))
            {
                best = command;
            }
        }

        if (best is null)
        {
            string prefix = args.TakeWhile(a => !a.StartsWith('-')).FirstOrDefault() ?? string.Empty;
            context.Fail(ExitCode.Usage, "unknown command \"" + string.Join(' ', args.TakeWhile(a => !a.StartsWith('-'))) + "\"");
            WriteHelp(context.Error, prefix);
            return ExitCode.Usage;
        }

        string[] rest = args.Skip(best.Words.Count).ToArray();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            context.Out.WriteLine("usage: kioskctl " + string.Join(' ', best.Words) + " " + best.Synopsis);
            context.Out.WriteLine("  " + best.Summary);
            return ExitCode.Ok;
        }

        try
        {
            return best.Run(context, new Arguments(rest));
        }
        catch (UsageException e)
        {
            context.Fail(ExitCode.Usage, e.Message);
            context.Error.WriteLine("usage: kioskctl " + string.Join(' ', best.Words) + " " + best.Synopsis);
            return ExitCode.Usage;
        }
    }

    private void WriteHelp(TextWriter writer, string group)
    {
        writer.WriteLine("usage: kioskctl <command> [options]");
        writer.WriteLine();
        List<ICommand> shown = _commands.Where(c => c.Words[0] == group).ToList();
        foreach (ICommand command in shown.Count > 0 ? shown : _commands)
        {
            writer.WriteLine("  " + (string.Join(' ', command.Words) + " " + command.Synopsis).PadRight(64) + " " + command.Summary);
        }
    }
}
