using System.Collections;

namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>How a bridge call ended.</summary>
    public enum BridgeOutcome
    {
        /// <summary>2xx with the expected body.</summary>
        Ok = 0,
        /// <summary>The bridge answered with a problem (see <see cref="BridgeReply.ProblemCode"/>).</summary>
        Problem,
        /// <summary>No answer: connection refused, dropped, or garbled.</summary>
        Unreachable,
    }

    /// <summary>The result of one bridge call: outcome, HTTP status, problem code and the parsed body.</summary>
    public sealed class BridgeReply
    {
        /// <summary>Creates a reply.</summary>
        public BridgeReply(BridgeOutcome outcome, int status, string? problemCode, Hashtable? body)
        {
            Outcome = outcome;
            Status = status;
            ProblemCode = problemCode;
            Body = body;
        }

        /// <summary>How the call ended.</summary>
        public BridgeOutcome Outcome { get; private set; }
        /// <summary>HTTP status, 0 when unreachable.</summary>
        public int Status { get; private set; }
        /// <summary>The problem's <c>code</c> member, or null.</summary>
        public string? ProblemCode { get; private set; }
        /// <summary>The parsed JSON body, or null.</summary>
        public Hashtable? Body { get; private set; }
        /// <summary>True for <see cref="BridgeOutcome.Ok"/>.</summary>
        public bool IsOk { get { return Outcome == BridgeOutcome.Ok; } }

        /// <summary>A reply for a bridge that could not be reached.</summary>
        public static BridgeReply Unreachable() { return new BridgeReply(BridgeOutcome.Unreachable, 0, null, null); }
    }
}
