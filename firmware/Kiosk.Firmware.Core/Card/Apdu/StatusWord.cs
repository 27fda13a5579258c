namespace Kiosk.Firmware.Core.Card.Apdu
{
    /// <summary>ISO 7816-4 status words the card stack tells apart (SW1SW2 as one int).</summary>
    public static class StatusWord
    {
        public const int Ok = 0x9000;
        public const int EndOfFileReached = 0x6282;
        public const int WrongLength = 0x6700;
        public const int SecurityNotSatisfied = 0x6982;
        public const int AuthenticationBlocked = 0x6983;
        public const int ReferenceDataBlocked = 0x6984;
        public const int ConditionsNotSatisfied = 0x6985;
        public const int FileNotFound = 0x6A82;
        public const int WrongParameters = 0x6B00;
        public const int InstructionNotSupported = 0x6D00;
        public const int ClassNotSupported = 0x6E00;

        /// <summary>True for 9000.</summary>
        public static bool IsOk(int sw)
        {
            return sw == Ok;
        }

        /// <summary>True for 61xx: more response bytes wait for GET RESPONSE.</summary>
        public static bool IsMoreAvailable(int sw)
        {
            return (sw >> 8) == 0x61;
        }

        /// <summary>True for 6Cxx: wrong Le, the right one is the low byte.</summary>
        public static bool IsWrongLe(int sw)
        {
            return (sw >> 8) == 0x6C;
        }

        /// <summary>True for 63Cx: verification failed (or retry query), x tries left.</summary>
        public static bool IsCounter(int sw)
        {
            return (sw & 0xFFF0) == 0x63C0;
        }

        /// <summary>Tries left in a 63Cx status word.</summary>
        public static int Counter(int sw)
        {
            return sw & 0x0F;
        }

        /// <summary>True for 6983/6984: the PIN is blocked.</summary>
        public static bool IsBlocked(int sw)
        {
            return sw == AuthenticationBlocked || sw == ReferenceDataBlocked;
        }

        /// <summary>Short English name of a status word, for technician output (never for anything the resident sees).</summary>
        public static string Describe(int sw)
        {
            if (sw == Ok) { return "success"; }
            if (sw == EndOfFileReached) { return "end of file reached"; }
            if (sw == WrongLength) { return "wrong length"; }
            if (sw == SecurityNotSatisfied) { return "security status not satisfied"; }
            if (sw == AuthenticationBlocked) { return "authentication method blocked"; }
            if (sw == ReferenceDataBlocked) { return "reference data blocked"; }
            if (sw == ConditionsNotSatisfied) { return "conditions of use not satisfied"; }
            if (sw == FileNotFound) { return "file or application not found"; }
            if (sw == WrongParameters) { return "wrong parameters"; }
            if (sw == InstructionNotSupported) { return "instruction not supported"; }
            if (sw == ClassNotSupported) { return "class not supported"; }
            if (IsCounter(sw)) { return "verification failed"; }
            if (IsMoreAvailable(sw)) { return "more data available"; }
            if (IsWrongLe(sw)) { return "wrong Le"; }
            return "unexpected status";
        }
    }
}
