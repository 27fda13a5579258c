using System.Reflection;
using Kiosk.Firmware.Core.Ui.Messages;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Printing;
using Kiosk.Municipality.Domain;

namespace Kiosk.EndToEnd.Tests.Messages;

/// <summary>Every reason the bridge can end an order with has its own resident message on the terminal, in every language.</summary>
public sealed class OrderReasonMessageTests
{
    /// <summary>The public string constants of a reason class: a new code added there is picked up here without editing this test.</summary>
    private static IEnumerable<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> BridgeOrderReasons()
    {
        var all = Constants(typeof(OrderReasons)).Concat(Constants(typeof(PrintReasons))).Distinct().ToArray();
        var data = new TheoryData<string>();
        foreach (var code in all) data.Add(code);
        return data;
    }

    public static TheoryData<string> MunicipalityReasons()
    {
        var data = new TheoryData<string>();
        foreach (var code in ReasonCodes.All) data.Add(code);
        return data;
    }

    [Fact]
    public void The_reason_lists_are_complete()
    {
        // OrderReasons.All is what docs and tools use; it must list every constant of the class.
        Assert.Equal(Constants(typeof(OrderReasons)).OrderBy(c => c), OrderReasons.All.OrderBy(c => c));
        Assert.Contains("bridge-restart", OrderReasons.All);
        Assert.Contains("printer-lost-job", OrderReasons.All);
        Assert.Contains("payment-expired", OrderReasons.All);
    }

    [Theory]
    [MemberData(nameof(BridgeOrderReasons))]
    public void Each_order_reason_has_a_dedicated_text_that_says_what_happened_to_the_money(string reason)
    {
        var id = Catalog.Find("problem." + reason);
        Assert.True(id >= 0, "no terminal message problem." + reason + " in catalog.json");
        Assert.NotEqual(Catalog.Slot(MessageId.ErrorGeneral), Catalog.Slot(id));
        for (var l = 0; l < Catalog.LanguageCount; l++)
            Assert.False(string.IsNullOrWhiteSpace(Catalog.Text(l, id)), reason + " / " + Catalog.LanguageTag(l));
        var en = Catalog.Text(Language.En, id);
        Assert.True(en.Contains("charged", StringComparison.Ordinal) || en.Contains("refunded", StringComparison.Ordinal),
            reason + ": the resident is not told what happens to the money: " + en);
    }

    [Theory]
    [MemberData(nameof(MunicipalityReasons))]
    public void Each_municipality_refusal_has_a_text(string reason)
    {
        var id = Catalog.Find("problem." + reason);
        Assert.True(id >= 0, "no terminal message problem." + reason);
        Assert.NotEqual(Catalog.Slot(MessageId.ErrorGeneral), Catalog.Slot(id));
        for (var l = 0; l < Catalog.LanguageCount; l++)
            Assert.False(string.IsNullOrWhiteSpace(Catalog.Text(l, id)), reason + " / " + Catalog.LanguageTag(l));
    }

    [Fact]
    public void The_two_reasons_that_had_no_message_now_have_their_own()
    {
        Assert.Equal(Catalog.Slot(MessageId.ErrorBridgeRestart), Catalog.Slot(Catalog.Problem("bridge-restart")));
        Assert.Equal(Catalog.Slot(MessageId.ErrorPrinterLostJob), Catalog.Slot(Catalog.Problem("printer-lost-job")));
        Assert.Equal(Catalog.Slot(MessageId.ErrorPaymentExpired), Catalog.Slot(Catalog.Problem("payment-expired")));
        // The lost-job text tells the resident a sheet may be in the tray, in every language it was written for.
        Assert.Contains("tray", Catalog.Text(Language.En, MessageId.ErrorPrinterLostJob), StringComparison.Ordinal);
        Assert.Contains("用紙", Catalog.Text(Language.Ja, MessageId.ErrorPrinterLostJob), StringComparison.Ordinal);
    }
}
