using System.Collections.Concurrent;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>In-memory stand-in for the bridge's order store: order → (session, certificate serial hash).</summary>
internal sealed class BindingTable : IOrderBindingCheck
{
    private readonly ConcurrentDictionary<string, (string Session, string Serial)> bound = new();

    public int Checks;

    public void Bind(string orderId, string sessionId, string serialHash) => bound[orderId] = (sessionId, serialHash);

    public void Unbind(string orderId) => bound.TryRemove(orderId, out _);

    public Task<bool> IsStillBoundAsync(string orderId, string sessionId, string serialHash, CancellationToken ct)
    {
        Interlocked.Increment(ref Checks);
        return Task.FromResult(bound.TryGetValue(orderId, out var b) && b.Session == sessionId && b.Serial == serialHash);
    }
}
