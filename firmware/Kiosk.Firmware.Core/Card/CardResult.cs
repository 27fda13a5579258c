namespace Kiosk.Firmware.Core.Card
{
    /// <summary>The typed outcome of one card operation.</summary>
    public sealed class CardResult
    {
        /// <summary>Creates an outcome.</summary>
        public CardResult(CardStatus status, int triesLeft, int statusWord, byte[]? data)
        {
            Status = status;
            TriesLeft = triesLeft;
            StatusWord = statusWord;
            Data = data;
        }

        /// <summary>What happened.</summary>
        public CardStatus Status { get; private set; }

        /// <summary>PIN tries left when known (wrong PIN, tries query), otherwise -1.</summary>
        public int TriesLeft { get; private set; }

        /// <summary>The last ISO 7816 status word seen (SW1SW2), or 0 when none arrived.</summary>
        public int StatusWord { get; private set; }

        /// <summary>Data returned (certificate DER, signature), or null.</summary>
        public byte[]? Data { get; private set; }

        /// <summary>True when <see cref="Status"/> is <see cref="CardStatus.Ok"/>.</summary>
        public bool IsOk { get { return Status == CardStatus.Ok; } }
    }
}
