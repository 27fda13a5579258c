namespace Kiosk.Municipality.Pdf;

/// <summary>The per-document facts printed around the content: number, date, verification code.</summary>
public sealed record DocumentStamp(string DocumentId, DateOnly IssuedOn, int Copies, string VerificationCode, string QrText);
