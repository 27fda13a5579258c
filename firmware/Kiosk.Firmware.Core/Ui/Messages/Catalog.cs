namespace Kiosk.Firmware.Core.Ui.Messages
{
    /// <summary>Looks up catalogue texts by language index and message id; codes from the bridge map to messages here.</summary>
    public static class Catalog
    {
        /// <summary>How many languages every message has.</summary>
        public static int LanguageCount { get { return CatalogData.LanguageTags.Length; } }

        /// <summary>The BCP 47 tag of a language index ("ja", "ja-easy", "en", ...).</summary>
        public static string LanguageTag(int language) { return CatalogData.LanguageTags[language]; }

        /// <summary>True when the language's texts are drawn from pre-shaped bitmaps (Thai, Nepali).</summary>
        public static bool IsShaped(int language) { return CatalogData.Shaped[language]; }

        /// <summary>The text of a message in a language.</summary>
        public static string Text(int language, int messageId)
        {
            return CatalogData.Texts[CatalogData.SlotOfMessage[messageId] * CatalogData.LanguageTags.Length + language];
        }

        /// <summary>The text slot a message uses; aliased messages share one.</summary>
        public static int Slot(int messageId) { return CatalogData.SlotOfMessage[messageId]; }

        /// <summary>The catalogue key of a message ("card.place.title").</summary>
        public static string Key(int messageId) { return CatalogData.Keys[messageId]; }

        /// <summary>The message with this key, or -1.</summary>
        public static int Find(string key)
        {
            string[] keys = CatalogData.Keys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key) return i;
            }
            return -1;
        }

        /// <summary>The language index of a tag, or -1.</summary>
        public static int FindLanguage(string tag)
        {
            string[] tags = CatalogData.LanguageTags;
            for (int i = 0; i < tags.Length; i++)
            {
                if (tags[i] == tag) return i;
            }
            return -1;
        }

        /// <summary>The name of a product code, or -1 for a code this firmware does not know.</summary>
        public static int ProductName(string? code) { return code == null ? -1 : Find("product." + code); }

        /// <summary>The name of an option code, or -1.</summary>
        public static int OptionName(string? code) { return code == null ? -1 : Find("option." + code); }

        /// <summary>The screen message for a problem or reason code; unknown codes get the general error.</summary>
        public static int Problem(string? code)
        {
            int id = code == null ? -1 : Find("problem." + code);
            return id < 0 ? MessageId.ErrorGeneral : id;
        }
    }
}
