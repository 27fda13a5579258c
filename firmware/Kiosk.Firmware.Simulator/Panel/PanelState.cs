using System.Text.Json;
using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Panel;

/// <summary>What the panel's script refreshes every second: card, register, LED, printed documents and parts.</summary>
public sealed record PanelState(
    long DisplayVersion,
    string? CardPresent,
    bool PayAtRegister,
    string? PaymentCode,
    string TerminalState,
    string ScreenText,
    string Led,
    int Beeps,
    IReadOnlyList<PanelDocument> Documents,
    IReadOnlyList<PartStatus> Parts)
{
    /// <summary>Reads the current state of the simulation.</summary>
    public static PanelState Of(Simulation sim) => new(
        sim.Board.Display.Version,
        sim.Cards.PresentId,
        sim.Register.Enabled,
        sim.Register.PendingCode,
        sim.Terminal?.Snapshot.StateName ?? "not running",
        sim.Terminal?.Snapshot.ScreenText ?? "",
        sim.Board.Indicators.Led,
        sim.Board.Indicators.Beeps,
        sim.Printed.List().Select(d => new PanelDocument(d.FileName, "/printed/" + Uri.EscapeDataString(d.FileName).Replace("%2F", "/", StringComparison.Ordinal), d.PrintedUtc, d.Bytes)).ToArray(),
        sim.Parts.All);
}

/// <summary>A printed PDF as the panel lists it.</summary>
public sealed record PanelDocument(string Name, string Url, DateTime PrintedUtc, long Bytes);

/// <summary>JSON settings of the panel's API (camelCase).</summary>
public static class PanelJson
{
    /// <summary>Web defaults.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
