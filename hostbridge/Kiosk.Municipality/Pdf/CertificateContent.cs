using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Pdf;

/// <summary>A label and its value in a certificate's table.</summary>
public sealed record Row(string Label, string Value);

/// <summary>A boxed block of rows (one person, one tax year, one seal).</summary>
public sealed record Block(string? Heading, IReadOnlyList<Row> Rows);

/// <summary>What one certificate says, independent of how it is drawn.</summary>
public sealed class CertificateContent
{
    public required string Title { get; init; }
    public required MunicipalityRecord Municipality { get; init; }
    /// <summary>Rows above the person blocks (住所, 世帯主, 本籍...).</summary>
    public required IReadOnlyList<Row> Header { get; init; }
    public required IReadOnlyList<Block> Blocks { get; init; }
    /// <summary>「この写しは、世帯全員の住民票の原本と相違ないことを証明する。」 and similar.</summary>
    public required string Attestation { get; init; }
    /// <summary>Characters of a registered seal to draw as its impression (印鑑登録証明書 only).</summary>
    public string? SealImpression { get; init; }
    /// <summary>Small print under the table.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
