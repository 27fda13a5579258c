namespace Kiosk.Municipality.Pdf.Content;

/// <summary>What the resident chose on the terminal, already validated.</summary>
public sealed record OrderSelection(IReadOnlyList<string> Options, IReadOnlyList<string> MemberIds, int? Year)
{
    public bool Has(string option) => Options.Contains(option);
}
