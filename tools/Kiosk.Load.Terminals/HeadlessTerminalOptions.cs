using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Session;
using Kiosk.Hardware.Emulator.Card;

namespace Kiosk.Load.Terminals;

/// <summary>What one headless terminal is: its device identity, the bridge it talks to, the card its resident carries, and
/// what the resident asks for. Everything but the identity, the bridge address and the card has a load-test default.</summary>
public sealed class HeadlessTerminalOptions
{
    /// <summary>Name used in records and the terminal's thread (usually the device id).</summary>
    public required string Name { get; init; }

    /// <summary>Bridge host (the TLS target name is always "localhost", as the fleet server certificate names it).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The bridge's kiosk (mutual-TLS) port, or a fault proxy in front of it.</summary>
    public required int Port { get; init; }

    /// <summary>The terminal's enrolled device certificate with its private key.</summary>
    public required X509Certificate2 DeviceCertificate { get; init; }

    /// <summary>The fleet CA the bridge's server certificate chains to.</summary>
    public required X509Certificate2 FleetCa { get; init; }

    /// <summary>The resident's card (own keys and certificate); it stays with this terminal for the whole run.</summary>
    public required VirtualMyNumberCard Card { get; init; }

    /// <summary>The PIN the resident types (the card's real auth PIN, so no try is spent).</summary>
    public required string Pin { get; init; }

    /// <summary>Product code asked for.</summary>
    public string Product { get; init; } = "juminhyo";

    /// <summary>Copies asked for (1–9, capped by the product's maximum).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>Language index in the core's catalogue (2 = English).</summary>
    public int Language { get; init; } = 2;

    /// <summary>The core's timings; <see cref="HeadlessTerminal.FastTimings"/> by default.</summary>
    public SessionConfig Timings { get; init; } = HeadlessTerminal.FastTimings();

    /// <summary>TCP connect + handshake and per read/write timeout of the TLS stream.</summary>
    public int IoTimeoutMs { get; init; } = 10_000;

    /// <summary>Transactions to run before stopping by itself; 0 = until <see cref="HeadlessTerminal.Stop"/>.</summary>
    public int MaxTransactions { get; init; }

    /// <summary>Called on the terminal's thread when the terminal shows a payment code; must not block (hand it to a clerk).</summary>
    public Action<PaymentDue>? PaymentShown { get; init; }

    /// <summary>Called on the terminal's thread just before the resident presses Enter on the confirmation screen (the order
    /// POST follows at once); may block, e.g. on a barrier that releases many terminals' orders in the same millisecond.</summary>
    public Action<HeadlessTerminal, int>? BeforeOrder { get; init; }

    /// <summary>Called on the terminal's thread after each transaction.</summary>
    public Action<IssuanceRecord>? Completed { get; init; }

    /// <summary>Receives the core's log lines (never a PIN: the core logs none); null drops them.</summary>
    public Action<string, string>? Log { get; init; }
}
