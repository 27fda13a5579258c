using Kiosk.Kioskctl.Cli;

return CommandTable.Default().Run(args, CommandContext.FromConsole());
