using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kiosk.HostBridge.Printing;

/// <summary>Registers the printing side: <c>Printing:Mode</c> = folder (default, simulator) or ipp.</summary>
public static class PrintingServiceCollectionExtensions
{
    /// <summary>Adds the configured <see cref="IPrinter"/> and the <see cref="PrintGate"/> in front of it.
    /// The bridge must register an <see cref="IOrderBindingCheck"/> (its order store). Keys: Printing:Mode,
    /// Printing:Ipp:PrinterUri, Printing:Ipp:RequestingUserName, Printing:Ipp:RequestTimeout, Printing:Folder:Folder,
    /// Printing:Folder:ProcessingTime, Printing:Gate:JobTimeout, Printing:Gate:PollInterval, Printing:Gate:CancelTimeout.</summary>
    public static IServiceCollection AddKioskPrinting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Printing");
        services.AddKioskPrintGate(configuration);
        if (string.Equals(section["Mode"], "ipp", StringComparison.OrdinalIgnoreCase))
        {
            var ipp = new IppPrinterOptions();
            section.GetSection("Ipp").Bind(ipp);
            // The gate and the per-request timeout bound every call; HttpClient's own 100 s default must not cut in first.
            services.AddSingleton<IPrinter>(_ => new IppPrinter(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ipp));
        }
        else
        {
            var folder = new FolderPrinterOptions();
            section.GetSection("Folder").Bind(folder);
            services.AddSingleton(sp => new FolderPrinter(folder, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IPrinter>(sp => sp.GetRequiredService<FolderPrinter>());
        }
        return services;
    }

    /// <summary>Adds the <see cref="PrintGate"/> (options from Printing:Gate) in front of whatever <see cref="IPrinter"/> is
    /// registered (the default printer), and the per-store <see cref="PrinterDirectory"/> (Printing:Printers,
    /// Printing:UnlistedStores, validated here so a bad entry stops the start) with one gate per printer in
    /// <see cref="PrintGates"/>. Used on its own when the host supplies its own printer. Does nothing when a gate is
    /// already registered.</summary>
    public static IServiceCollection AddKioskPrintGate(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(PrintGate))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPrintAudit, LoggingPrintAudit>();
        var gate = new PrintGateOptions();
        configuration.GetSection("Printing:Gate").Bind(gate);
        services.AddSingleton(gate);
        services.AddSingleton(sp => new PrintGate(
            sp.GetRequiredService<IPrinter>(), sp.GetRequiredService<IOrderBindingCheck>(), sp.GetRequiredService<IPrintAudit>(),
            sp.GetRequiredService<PrintGateOptions>(), sp.GetRequiredService<TimeProvider>()));
        var directory = PrinterDirectoryConfig.Read(configuration);
        services.AddSingleton(directory);
        services.AddSingleton(sp => new PrinterDirectory(directory, sp.GetRequiredService<IPrinter>,
            entry => PrinterDirectory.Create(entry, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new PrintGates(sp.GetRequiredService<PrinterDirectory>(), p => p.Id == PrinterDirectory.DefaultId
            ? sp.GetRequiredService<PrintGate>()
            : new PrintGate(p.Printer, sp.GetRequiredService<IOrderBindingCheck>(), sp.GetRequiredService<IPrintAudit>(),
                sp.GetRequiredService<PrintGateOptions>(), sp.GetRequiredService<TimeProvider>()) { PrinterId = p.Id }));
        return services;
    }
}
