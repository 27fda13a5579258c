namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Which configured timeout a state uses.</summary>
    public enum TimeoutKind
    {
        /// <summary>Never times out (idle).</summary>
        None = 0,
        /// <summary>A screen waiting for a choice.</summary>
        Choice,
        /// <summary>PIN entry: first digit, then between digits.</summary>
        Pin,
        /// <summary>Card or bridge work in progress.</summary>
        Work,
        /// <summary>Waiting for payment.</summary>
        Payment,
        /// <summary>Waiting for the printer.</summary>
        Printing,
        /// <summary>An information or error screen.</summary>
        Notice,
    }
}
