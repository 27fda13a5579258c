using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Pdf;
using Kiosk.Municipality.Pdf.Content;

namespace Kiosk.Municipality.Issuance;

/// <summary>Picks the content builder for a product.</summary>
public static class CertificateFactory
{
    public static CertificateContent Content(ResidentContext ctx, string productCode, OrderSelection sel) => productCode switch
    {
        ProductCodes.Juminhyo => JuminhyoContent.Build(ctx, sel),
        ProductCodes.KisaiJiko => KisaiJikoContent.Build(ctx),
        ProductCodes.Inkan => InkanContent.Build(ctx),
        ProductCodes.ShotokuKazei => ShotokuKazeiContent.Build(ctx,
            ctx.TaxRecords.First(t => t.FiscalYear == sel.Year)),
        ProductCodes.KosekiZenbu => KosekiContent.Build(ctx, whole: true),
        ProductCodes.KosekiKojin => KosekiContent.Build(ctx, whole: false),
        ProductCodes.KosekiFuhyo => FuhyoContent.Build(ctx),
        _ => throw new ArgumentOutOfRangeException(nameof(productCode), productCode, "unknown product"),
    };
}
