namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>A test resident the visitor can "tap": the label and the test PIN come from the emulator's profiles.</summary>
public sealed record ResidentChoice(string Id, string Label, string? TestPin, string Note);

/// <summary>The reader's field as the visitor sees it: place one of the test residents' cards, or take it away.</summary>
public interface ICardSlot
{
    /// <summary>The residents whose virtual cards can be tapped.</summary>
    IReadOnlyList<ResidentChoice> Residents { get; }

    /// <summary>The id of the card in the field, or null.</summary>
    string? PresentId { get; }

    /// <summary>Places this resident's card in the PN532's field (replacing any other).</summary>
    void Tap(string residentId);

    /// <summary>Takes the card out of the field.</summary>
    void Remove();
}

/// <summary>The card slot while the emulator has not landed: every action says what is missing.</summary>
public sealed class MissingCardSlot(string reason) : ICardSlot
{
    /// <inheritdoc />
    public IReadOnlyList<ResidentChoice> Residents => [];

    /// <inheritdoc />
    public string? PresentId => null;

    /// <inheritdoc />
    public void Tap(string residentId) => throw new PartMissingException(reason);

    /// <inheritdoc />
    public void Remove() => throw new PartMissingException(reason);
}

/// <summary>Thrown when an action needs a part that is not available; the message names it.</summary>
public sealed class PartMissingException(string message) : Exception(message);
