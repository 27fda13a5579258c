using Kiosk.Firmware.Simulator.Board;

namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Everything the front panel shows and drives: the board, the card slot, the register, the printed documents, the parts.</summary>
public sealed class Simulation(SimulatedBoard board, ICardSlot cards, IPaymentRegister register, PrintedDocuments printed, PartsReport parts)
{
    /// <summary>The simulated board.</summary>
    public SimulatedBoard Board { get; } = board;

    /// <summary>The PN532's field with the virtual cards.</summary>
    public ICardSlot Cards { get; set; } = cards;

    /// <summary>The store's register.</summary>
    public IPaymentRegister Register { get; set; } = register;

    /// <summary>The folder printer's output.</summary>
    public PrintedDocuments Printed { get; } = printed;

    /// <summary>What runs and what is missing.</summary>
    public PartsReport Parts { get; } = parts;

    /// <summary>The terminal core, once it runs.</summary>
    public ITerminalView? Terminal { get; set; }

    /// <summary>The link to an external bridge (<c>--bridge-bundle</c>), or null when the bridge runs in process.</summary>
    public IBridgeLinkView? ExternalLink { get; set; }
}
