using Kiosk.Municipality.Api;
using Kiosk.Municipality.Cards;
using Kiosk.Municipality.Issuance;
using Kiosk.Municipality.Pdf;
using Kiosk.Municipality.Store;
using Kiosk.Municipality.Verification;

namespace Kiosk.Municipality;

/// <summary>Builds the reference municipality service; Program.cs runs it, tests start it on their own port.</summary>
public static class MunicipalityApp
{
    /// <summary>
    /// Builds the app. <paramref name="configure"/> lets a test replace services (for example the TimeProvider) before
    /// the host is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Municipality").Get<MunicipalityOptions>() ?? new MunicipalityOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMunicipalStore>(_ =>
            StoreFactory.Create(options, builder.Configuration.GetConnectionString("Municipality")));
        builder.Services.AddSingleton(_ => LoadCards(options));
        builder.Services.AddSingleton(_ => new VerificationSigner(VerificationKey.LoadOrCreate(
            options.VerificationKeyPath ?? Path.Combine(options.ResolvedDataDir, "verification.key"))));
        builder.Services.AddSingleton<IssuanceService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapMunicipalApi();
        return app;
    }

    private static CardMap LoadCards(MunicipalityOptions options)
    {
        var bindings = new List<CardBinding>();
        if (options.CardMapPath is { } path) bindings.AddRange(CardMapLoader.LoadBindings(path));
        if (options.TestPkiSeed is { } seed)
        {
            var seedData = options.SeedPath is { } p ? SeedLoader.LoadFile(p) : SeedLoader.LoadEmbedded();
            var mapped = bindings.Select(b => b.ProfileId).ToHashSet();
            var profiles = seedData.Residents.Select(r => r.ProfileId).OfType<string>().Where(id => !mapped.Contains(id));
            bindings.AddRange(TestPkiSerials.For(seed, profiles));
        }
        return new CardMap(bindings);
    }

    /// <summary>Checks fonts, creates the schema, seeds an empty store and loads the card map, failing fast with a clear message.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        var options = app.Services.GetRequiredService<MunicipalityOptions>();
        JapaneseFonts.Install(options.FontDirectory);
        var store = app.Services.GetRequiredService<IMunicipalStore>();
        await store.EnsureSchemaAsync(ct);
        if (await store.IsEmptyAsync(ct))
            await store.SeedAsync(options.SeedPath is { } p ? SeedLoader.LoadFile(p) : SeedLoader.LoadEmbedded(), ct);
        var cards = app.Services.GetRequiredService<CardMap>();
        app.Logger.LogInformation("Municipality store {Store} ready; {Cards} card bindings loaded", options.Store, cards.Count);
        _ = app.Services.GetRequiredService<VerificationSigner>();
    }
}
