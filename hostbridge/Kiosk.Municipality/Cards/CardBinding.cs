namespace Kiosk.Municipality.Cards;

/// <summary>One JPKI user-authentication certificate bound to a resident profile.</summary>
public sealed record CardBinding(string SerialHex, string? Issuer, string ProfileId);
