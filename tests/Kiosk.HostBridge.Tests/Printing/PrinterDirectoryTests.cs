using Kiosk.HostBridge.Printing;
using Microsoft.Extensions.Configuration;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>The printer directory: configuration validated at start with every mistake named, each store routed to its own
/// printer, unlisted stores on the default printer or refused, and one gate per printer.</summary>
public sealed class PrinterDirectoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-printer-directory-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static string Invalid(params (string Key, string Value)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => PrinterDirectoryConfig.Read(Config(settings))).Message;

    [Fact]
    public void No_directory_means_the_single_printer_serves_every_store()
    {
        var config = PrinterDirectoryConfig.Read(Config(("Printing:Mode", "folder")));
        var single = new FolderPrinter(new FolderPrinterOptions { Folder = folder });

        var directory = new PrinterDirectory(config, () => single, _ => throw new InvalidOperationException("no entries"));

        Assert.Empty(config.Printers);
        Assert.Equal(UnlistedStores.Default, config.Unlisted);
        var p = Assert.Single(directory.Printers);
        Assert.Equal(PrinterDirectory.DefaultId, p.Id);
        Assert.Same(single, directory.ForStore("any-store")!.Printer);
        Assert.Same(single, directory.ForStore("another")!.Printer);
    }

    [Fact]
    public void Entries_are_read_from_configuration_and_each_store_gets_its_own_printer()
    {
        var config = PrinterDirectoryConfig.Read(Config(
            ("Printing:Printers:0:Id", "front"), ("Printing:Printers:0:Kind", "ipp"), ("Printing:Printers:0:Uri", "ipp://192.0.2.10:631/ipp/print"),
            ("Printing:Printers:0:Stores:0", "store-1"), ("Printing:Printers:0:RequestTimeout", "00:00:04"),
            ("Printing:Printers:1:Id", "back"), ("Printing:Printers:1:Kind", "Folder"), ("Printing:Printers:1:Folder", folder),
            ("Printing:Printers:1:Stores:0", "store-2"), ("Printing:Printers:1:Stores:1", "store-3")));

        var directory = new PrinterDirectory(config, () => throw new InvalidOperationException("default not used"),
            entry => PrinterDirectory.Create(entry, TimeProvider.System));

        Assert.Equal(UnlistedStores.Refuse, config.Unlisted);
        Assert.Equal(new[] { "front", "back" }, directory.Printers.Select(p => p.Id));
        Assert.Equal(TimeSpan.FromSeconds(4), config.Printers[0].RequestTimeout);
        Assert.IsType<IppPrinter>(directory.ForStore("store-1")!.Printer);
        Assert.Equal("front", directory.ForStore("store-1")!.Id);
        Assert.IsType<FolderPrinter>(directory.ForStore("store-2")!.Printer);
        Assert.Same(directory.ForStore("store-2")!.Printer, directory.ForStore("store-3")!.Printer);
        Assert.Null(directory.ForStore("store-4"));
        Assert.Null(directory.ForStore("STORE-1"));
    }

    [Fact]
    public void Unlisted_stores_may_fall_back_to_the_default_printer()
    {
        var config = PrinterDirectoryConfig.Read(Config(
            ("Printing:Printers:0:Id", "front"), ("Printing:Printers:0:Kind", "folder"), ("Printing:Printers:0:Folder", folder),
            ("Printing:Printers:0:Stores:0", "store-1"), ("Printing:UnlistedStores", "default")));
        var single = new FolderPrinter(new FolderPrinterOptions { Folder = Path.Combine(folder, "single") });

        var directory = new PrinterDirectory(config, () => single, entry => PrinterDirectory.Create(entry, TimeProvider.System));

        Assert.Equal("front", directory.ForStore("store-1")!.Id);
        Assert.Equal(PrinterDirectory.DefaultId, directory.ForStore("store-9")!.Id);
        Assert.Same(single, directory.ForStore("store-9")!.Printer);
        Assert.Empty(directory.Printers[^1].Stores);
    }

    [Fact]
    public void A_store_listed_twice_is_refused_naming_both_entries()
    {
        var message = Invalid(
            ("Printing:Printers:0:Id", "a"), ("Printing:Printers:0:Kind", "folder"), ("Printing:Printers:0:Folder", "/tmp/a"), ("Printing:Printers:0:Stores:0", "store-1"),
            ("Printing:Printers:1:Id", "b"), ("Printing:Printers:1:Kind", "folder"), ("Printing:Printers:1:Folder", "/tmp/b"), ("Printing:Printers:1:Stores:0", "store-1"));

        Assert.Contains("Printing:Printers:1 (b): store 'store-1' is already served by Printing:Printers:0 (a)", message);
    }

    [Fact]
    public void Every_mistake_is_named_at_once()
    {
        var message = Invalid(
            ("Printing:Printers:0:Id", "a"), ("Printing:Printers:0:Kind", "laser"), ("Printing:Printers:0:Stores:0", "s1"),
            ("Printing:Printers:1:Id", "b"), ("Printing:Printers:1:Kind", "ipp"), ("Printing:Printers:1:Stores:0", "s2"),
            ("Printing:Printers:2:Id", "c"), ("Printing:Printers:2:Kind", "folder"), ("Printing:Printers:2:Stores:0", "s3"),
            ("Printing:Printers:3:Id", "a"), ("Printing:Printers:3:Kind", "ipp"), ("Printing:Printers:3:Uri", "ftp://printer/x"), ("Printing:Printers:3:Stores:0", "s4"),
            ("Printing:Printers:4:Kind", "folder"), ("Printing:Printers:4:Folder", "/tmp/x"),
            ("Printing:Printers:5:Id", "default"), ("Printing:Printers:5:Stores:0", "s6"), ("Printing:Printers:5:Kind", "folder"), ("Printing:Printers:5:Folder", "/tmp/y"),
            ("Printing:UnlistedStores", "sometimes"));

        Assert.Contains("Printing:Printers:0 (a): unknown Kind 'laser' (ipp or folder).", message);
        Assert.Contains("Printing:Printers:1 (b): Kind ipp needs Uri", message);
        Assert.Contains("Printing:Printers:2 (c): Kind folder needs Folder.", message);
        Assert.Contains("Printing:Printers:3 (a): Id is also used by Printing:Printers:0.", message);
        Assert.Contains("Printing:Printers:3 (a): Uri 'ftp://printer/x' is not an ipp://", message);
        Assert.Contains("Printing:Printers:4: Id is missing.", message);
        Assert.Contains("Printing:Printers:4: Stores is empty", message);
        Assert.Contains("Printing:Printers:5 (default): Id 'default' is reserved", message);
        Assert.Contains("Printing:UnlistedStores: 'sometimes' is neither default nor refuse.", message);
    }

    [Fact]
    public void Refusing_unlisted_stores_without_any_printer_is_refused()
    {
        Assert.Contains("no store could print", Invalid(("Printing:UnlistedStores", "refuse")));
        Assert.Contains("Kind is missing", Invalid(("Printing:Printers:0:Id", "a"), ("Printing:Printers:0:Stores:0", "s")));
    }

    [Fact]
    public async Task Each_printer_has_its_own_gate_and_one_out_of_paper_does_not_stop_the_other()
    {
        var config = PrinterDirectoryConfig.Validate(
        [
            new PrinterConfig { Id = "a", Kind = "folder", Folder = Path.Combine(folder, "a"), Stores = ["store-a"] },
            new PrinterConfig { Id = "b", Kind = "folder", Folder = Path.Combine(folder, "b"), Stores = ["store-b"] },
        ], null);
        var directory = new PrinterDirectory(config, () => throw new InvalidOperationException("default not used"),
            entry => PrinterDirectory.Create(entry, TimeProvider.System));
        var binding = new BindingTable();
        var audit = new RecordingAudit();
        var options = new PrintGateOptions { JobTimeout = TimeSpan.FromSeconds(10), PollInterval = TimeSpan.FromMilliseconds(20) };
        var gates = new PrintGates(directory, p => new PrintGate(p.Printer, binding, audit, options) { PrinterId = p.Id });
        var a = gates.ForStore("store-a")!;
        var b = gates.ForStore("store-b")!;
        Assert.NotSame(a.Gate, b.Gate);
        Assert.Equal(2, gates.All.Count);
        Assert.Null(gates.ForStore("store-c"));

        // Store A's printer runs out of paper; store B's order still prints, on B's printer only.
        ((FolderPrinter)a.Printer).Condition = FolderPrinterCondition.OutOfPaper;
        var orderA = TestOrder.New(binding);
        var orderB = TestOrder.New(binding);
        var results = await Task.WhenAll(a.Gate.PrintAsync(orderA.Request(), default), b.Gate.PrintAsync(orderB.Request(), default));

        Assert.False(results[0].Printed);
        Assert.Equal(PrintReasons.OutOfPaper, results[0].Reason);
        Assert.True(results[1].Printed);
        Assert.True(File.Exists(Path.Combine(folder, "b", orderB.OrderId + ".pdf")));
        Assert.False(File.Exists(Path.Combine(folder, "a", orderB.OrderId + ".pdf")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "a"), "*.pdf"));
        Assert.Contains(audit.Print, e => e.OrderId == orderB.OrderId && e.Step == PrintAuditSteps.Submitted && e.Detail!.EndsWith("on printer b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_held_job_on_one_printer_does_not_hold_the_other()
    {
        var config = PrinterDirectoryConfig.Validate(
        [
            new PrinterConfig { Id = "a", Kind = "folder", Folder = Path.Combine(folder, "a"), Stores = ["store-a"], ProcessingTime = TimeSpan.FromHours(1) },
            new PrinterConfig { Id = "b", Kind = "folder", Folder = Path.Combine(folder, "b"), Stores = ["store-b"] },
        ], null);
        var directory = new PrinterDirectory(config, () => throw new InvalidOperationException("default not used"),
            entry => PrinterDirectory.Create(entry, TimeProvider.System));
        var binding = new BindingTable();
        var options = new PrintGateOptions { JobTimeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20) };
        var gates = new PrintGates(directory, p => new PrintGate(p.Printer, binding, new RecordingAudit(), options) { PrinterId = p.Id });

        // A's job runs for an hour and holds A's single slot; B's gate is free.
        using var stopA = new CancellationTokenSource();
        var slowA = gates.ForStore("store-a")!.Gate.PrintAsync(TestOrder.New(binding).Request(), stopA.Token);
        var orderB = TestOrder.New(binding);
        var resultB = await gates.ForStore("store-b")!.Gate.PrintAsync(orderB.Request(), default);

        Assert.True(resultB.Printed);
        Assert.False(slowA.IsCompleted);
        await stopA.CancelAsync();
        Assert.False((await slowA).Printed);
    }
}
