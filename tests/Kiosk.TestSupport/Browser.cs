using Microsoft.Playwright;

namespace Kiosk.TestSupport;

/// <summary>Starts Debian's headless Chromium under Playwright for .NET, without ever downloading a browser.</summary>
/// <remarks>Tests wait with <c>Assertions.Expect</c> or for a request's own response, not <c>WaitForURLAsync</c>: when the URL
/// already matches, that checks the load state and then subscribes, and a load event landing in between is lost.</remarks>
public static class Browser
{
    /// <summary>The Debian chromium wrapper (package "chromium"); KIOSK_CHROMIUM overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("KIOSK_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>Flags that keep a test browser quiet, offline and free of GPU and sandbox needs (tests run as root in containers).</summary>
    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Per-step timeout for browser tests: the suite shares two cores between test projects, so Playwright's 30 s default is too tight.</summary>
    public const float StepTimeoutMs = 90_000;

    /// <summary>Launches Chromium; throws with what to install when it is missing.</summary>
    public static async Task<BrowserSession> LaunchAsync()
    {
        // Playwright must use the system browser: never fetch one (there is no network for it here, and no need).
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH", "0");
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException("Chromium is not installed at " + ChromiumPath + ": run scripts/install-deps.sh (Debian package 'chromium').");
        var pw = await Playwright.CreateAsync();
        try
        {
            var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Args,
                Timeout = 30_000,
            });
            return new BrowserSession(pw, browser);
        }
        catch
        {
            pw.Dispose();
            throw;
        }
    }

    /// <summary>artifacts/screenshots under the repository root (created), where tests keep their screenshots.</summary>
    public static string ScreenshotsDirectory()
    {
        string dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The repository root: the nearest folder upwards from the test's output that holds Kiosk.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kiosk.sln"))) return d.FullName;
        }
        throw new InvalidOperationException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A running Chromium; dispose to close it and the Playwright driver.</summary>
public sealed class BrowserSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    /// <summary>The browser.</summary>
    public IBrowser Browser { get; } = browser;

    /// <summary>A new page in its own context with the given viewport (CSS pixels).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(Kiosk.TestSupport.Browser.StepTimeoutMs);
        return await context.NewPageAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try { await Browser.CloseAsync(); }
        finally { playwright.Dispose(); }
    }
}
