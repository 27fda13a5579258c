namespace Kiosk.Load.Checks;

/// <summary>The counts the invariants are judged on; each "violation" count must be zero.</summary>
public sealed class InvariantReport
{
    /// <summary>Papers (PDFs left in the printer's output) examined.</summary>
    public int PapersChecked { get; set; }
    /// <summary>Papers naming a resident other than the one whose card authenticated the order's session.</summary>
    public int WrongPersonPrints { get; set; }
    /// <summary>Papers for an order no terminal placed, or bound to another session than the terminal's.</summary>
    public int OrphanOrMisboundPapers { get; set; }
    /// <summary>Papers whose resident could not be read (unreadable or unknown document).</summary>
    public int UnreadablePapers { get; set; }
    /// <summary>Orders in the bridge's database.</summary>
    public int Orders { get; set; }
    /// <summary>Orders not in a final state after the run settled.</summary>
    public int NonFinalOrders { get; set; }
    /// <summary>Orders whose payment was captured: printed.</summary>
    public int PaidPrinted { get; set; }
    /// <summary>Orders whose payment was captured: refunded (or voided) without paper.</summary>
    public int PaidRefunded { get; set; }
    /// <summary>Orders paid but neither printed nor refunded.</summary>
    public int PaidNeitherPrintedNorRefunded { get; set; }
    /// <summary>Orders printed more than once, or "printed" with no paper, or with paper but not "printed".</summary>
    public int PrintCountMismatches { get; set; }
    /// <summary>Printed orders whose payment was not captured (paper handed out unpaid).</summary>
    public int PrintedUnpaid { get; set; }
    /// <summary>Transactions the terminal showed as printed whose order the bridge does not hold as printed.</summary>
    public int TerminalBridgeDisagreements { get; set; }
    /// <summary>Human-readable lines for the first few violations.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>True when every violation count is zero and something was checked.</summary>
    public bool Hold => PapersChecked > 0 && WrongPersonPrints == 0 && OrphanOrMisboundPapers == 0 && UnreadablePapers == 0 && NonFinalOrders == 0
        && PaidNeitherPrintedNorRefunded == 0 && PrintCountMismatches == 0 && PrintedUnpaid == 0 && TerminalBridgeDisagreements == 0;

    /// <summary>Notes a violation example (the first 20).</summary>
    public void Example(string line)
    {
        if (Examples.Count < 20) Examples.Add(line);
    }
}
