using System;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Everything one resident's session knows. <see cref="Wipe"/> forgets it all (secrets zeroed) between residents.</summary>
    public sealed class SessionContext
    {
        /// <summary>Language index of the screens.</summary>
        public int Language;
        /// <summary>Message of the current error screen, or -1.</summary>
        public int ErrorId = -1;
        /// <summary>True after a heartbeat failed (idle shows the bridge message).</summary>
        public bool BridgeOffline;
        /// <summary>Highlighted item of the current list (absolute index).</summary>
        public int ChoiceIndex;

        /// <summary>Bridge session id.</summary>
        public string? SessionId;
        /// <summary>Challenge from the bridge.</summary>
        public byte[]? Challenge;
        /// <summary>The card's user-authentication certificate (DER).</summary>
        public byte[]? Certificate;
        /// <summary>PIN tries left as last reported by the card, or -1.</summary>
        public int TriesLeft = -1;
        /// <summary>True after a wrong PIN in this session.</summary>
        public bool HadWrongPin;
        /// <summary>Municipality code from authentication.</summary>
        public string? MunicipalityCode;
        /// <summary>Municipality name from authentication.</summary>
        public string? MunicipalityName;
        /// <summary>Receipt code from authentication.</summary>
        public string? ReceiptCode;
        /// <summary>Certificates on offer.</summary>
        public Product[] Products = new Product[0];
        /// <summary>The chosen certificate.</summary>
        public Product? Product;
        /// <summary>Option switches of the chosen certificate.</summary>
        public bool[] OptionOn = new bool[0];
        /// <summary>True when the whole household is to be on a 住民票の写し (false: only the resident).</summary>
        public bool WholeHousehold;
        /// <summary>Fiscal year chosen for an income/tax certificate, or 0 when the certificate takes none.</summary>
        public int Year;
        /// <summary>Copies chosen.</summary>
        public int Copies = 1;
        /// <summary>Idempotency key of the order being created.</summary>
        public string? IdempotencyKey;
        /// <summary>Order id.</summary>
        public string? OrderId;
        /// <summary>Code to show at the register.</summary>
        public string? PaymentCode;
        /// <summary>Total fee as shown.</summary>
        public string FeeText = "";
        /// <summary>True once the order printed (nothing to cancel).</summary>
        public bool Printed;
        /// <summary>Failed order polls in a row.</summary>
        public int PollMisses;
        /// <summary>When the order may next be polled.</summary>
        public long NextPollMs;
        /// <summary>The order's state as the bridge last said it (what a long poll waits to change).</summary>
        public string? OrderState;

        /// <summary>Forgets the resident: zeroes certificate and challenge, drops ids, choices and the order.</summary>
        public void Wipe()
        {
            if (Challenge != null) Array.Clear(Challenge, 0, Challenge.Length);
            if (Certificate != null) Array.Clear(Certificate, 0, Certificate.Length);
            SessionId = null;
            Challenge = null;
            Certificate = null;
            TriesLeft = -1;
            HadWrongPin = false;
            MunicipalityCode = null;
            MunicipalityName = null;
            ReceiptCode = null;
            Products = new Product[0];
            Product = null;
            OptionOn = new bool[0];
            WholeHousehold = false;
            Year = 0;
            Copies = 1;
            IdempotencyKey = null;
            OrderId = null;
            PaymentCode = null;
            FeeText = "";
            Printed = false;
            PollMisses = 0;
            NextPollMs = 0;
            OrderState = null;
            ChoiceIndex = 0;
        }
    }
}
