using System.Globalization;
using GameServer.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Browser.Tests;

/// <summary>
/// A fresh one-silo cluster with a real frontend on 127.0.0.1 for each test (state and clock of its
/// own), a plain HTTP client of that frontend for the test's own calls, and what the browser tests share:
/// the phone's viewport, the app's login, page error watching and the README's screenshots.
/// </summary>
public abstract class ServedClusterTests : IAsyncLifetime
{
    protected LocalCluster Cluster { get; private set; } = null!;

    protected FrontendHost Frontend { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(siloCount: 1);
        Frontend = Cluster.StartFrontend();
        Http = Frontend.CreateHttpClient();
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Cluster.DisposeAsync();
    }

    /// <summary>A phone of 360 × 780 CSS pixels at twice the density, with touch: the app's first screen size.</summary>
    protected static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 780 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    /// <summary>Logs a player of <see cref="ApiClientExtensions.Password"/> into the app and waits for the bet board.</summary>
    protected async Task LogIn(IPage page, string phone)
    {
        await page.GotoAsync(Url("/#/login"));
        await page.FillAsync("[data-testid=login-form] input[name=phone]", phone);
        await page.FillAsync("[data-testid=login-form] input[name=password]", ApiClientExtensions.Password);
        await page.ClickAsync("[data-testid=login-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=bet-board]")).ToBeVisibleAsync();
    }

    /// <summary>Collects uncaught script errors and anything the Content-Security-Policy refused into <paramref name="errors"/>, which the test asserts empty.</summary>
    protected static void WatchErrors(IPage page, List<string> errors)
    {
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
    }

    /// <summary>The absolute address of a path on the test's frontend.</summary>
    protected string Url(string pathAndQuery) => new Uri(Frontend.BaseAddress, pathAndQuery).AbsoluteUri;

    /// <summary>An amount as the app shows it: ₹, thousands separators, two decimals.</summary>
    protected static string Rupees(decimal amount) => "₹" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>With GAMESERVER_SCREENSHOTS set to a folder (docs/screenshots for the README), the main screens are saved there.</summary>
    protected static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GAMESERVER_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
        }
    }
}
