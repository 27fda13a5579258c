namespace Kiosk.Firmware.Core.Ui.Messages
{
    /// <summary>Language indexes in catalogue order (a test checks them against catalog.json).</summary>
    public static class Language
    {
        /// <summary>Japanese.</summary>
        public const int Ja = 0;
        /// <summary>Easy Japanese (やさしい日本語).</summary>
        public const int JaEasy = 1;
        /// <summary>English.</summary>
        public const int En = 2;
        /// <summary>Simplified Chinese.</summary>
        public const int ZhHans = 3;
        /// <summary>Traditional Chinese.</summary>
        public const int ZhHant = 4;
        /// <summary>Korean.</summary>
        public const int Ko = 5;
        /// <summary>Spanish.</summary>
        public const int Es = 6;
        /// <summary>Portuguese.</summary>
        public const int Pt = 7;
        /// <summary>Vietnamese.</summary>
        public const int Vi = 8;
        /// <summary>Tagalog.</summary>
        public const int Tl = 9;
        /// <summary>Indonesian.</summary>
        public const int Id = 10;
        /// <summary>Nepali (shaped).</summary>
        public const int Ne = 11;
        /// <summary>Thai (shaped).</summary>
        public const int Th = 12;
    }
}
