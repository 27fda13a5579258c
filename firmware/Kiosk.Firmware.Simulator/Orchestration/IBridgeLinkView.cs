namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>What the terminal's link to an external bridge has seen: handshakes made and refused, and the last refusal.</summary>
public interface IBridgeLinkView
{
    /// <summary>Handshakes that succeeded.</summary>
    int Handshakes { get; }

    /// <summary>Handshakes that failed (bridge down, or the bridge refused the certificate).</summary>
    int RefusedHandshakes { get; }

    /// <summary>Why the last handshake failed, or null.</summary>
    string? LastRefusal { get; }
}
