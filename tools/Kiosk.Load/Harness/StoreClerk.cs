using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Kiosk.Load.Faults;
using Kiosk.Load.Terminals;

namespace Kiosk.Load.Harness;

/// <summary>The store's register: takes the payment codes the terminals show, looks each up and confirms it through the bridge's
/// real store endpoint with the store's API key — at once, late, or (a resident who walks away) never.</summary>
public sealed class StoreClerk : IAsyncDisposable
{
    private readonly Channel<PaymentDue> _queue = Channel.CreateUnbounded<PaymentDue>();
    private readonly HttpClient _http;
    private readonly FaultDice? _dice;
    private readonly FaultRates _rates;
    private readonly Task[] _workers;
    private long _confirmed, _late, _never, _refused;

    /// <summary>Starts <paramref name="workers"/> registers against the bridge's ops address.</summary>
    public StoreClerk(Uri bridgeOps, string storeApiKey, FaultDice? dice, FaultRates rates, int workers)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = bridgeOps, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Store-Api-Key", storeApiKey);
        _dice = dice;
        _rates = rates;
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Payments confirmed, confirmed late, never paid, and refused by the bridge (e.g. expired while late).</summary>
    public (long Confirmed, long Late, long Never, long Refused) Counts =>
        (Interlocked.Read(ref _confirmed), Interlocked.Read(ref _late), Interlocked.Read(ref _never), Interlocked.Read(ref _refused));

    /// <summary>Order ids whose payment the clerk deliberately never confirmed.</summary>
    public HashSet<string> NeverPaid { get; } = new(StringComparer.Ordinal);

    /// <summary>Hands a shown code to the register (the terminal's callback; never blocks).</summary>
    public void Enqueue(PaymentDue due) => _queue.Writer.TryWrite(due);

    private async Task WorkAsync()
    {
        await foreach (var due in _queue.Reader.ReadAllAsync())
        {
            if (_dice != null && _dice.Chance(_rates.ClerkNever))
            {
                Interlocked.Increment(ref _never);
                lock (NeverPaid) NeverPaid.Add(due.OrderId);
                continue;
            }
            if (_dice != null && _dice.Chance(_rates.ClerkLate))
            {
                Interlocked.Increment(ref _late);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(_dice.Between(200, 1500));
                    await ConfirmAsync(due);
                });
                continue;
            }
            await ConfirmAsync(due);
        }
    }

    private async Task ConfirmAsync(PaymentDue due)
    {
        try
        {
            string code = due.PaymentCode.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            using var look = await _http.GetAsync("/v1/store/payments/" + code);
            if (!look.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _refused);
                return;
            }
            using var doc = JsonDocument.Parse(await look.Content.ReadAsStreamAsync());
            int amount = doc.RootElement.GetProperty("amountYen").GetInt32();
            using var confirm = await _http.PostAsJsonAsync("/v1/store/payments/" + code + "/confirm", new { amountYen = amount });
            if (confirm.IsSuccessStatusCode) Interlocked.Increment(ref _confirmed);
            else Interlocked.Increment(ref _refused);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    /// <summary>Stops taking codes and waits for the registers.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
        _http.Dispose();
    }
}
