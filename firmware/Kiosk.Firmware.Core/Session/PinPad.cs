using System;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>The PIN being typed: four ASCII digits in one buffer that only <see cref="Card.IJpkiCard.VerifyPin"/> reads
    /// and that is wiped right after. The outside world sees only how many digits there are.</summary>
    public sealed class PinPad
    {
        /// <summary>Length of the JPKI user-authentication PIN.</summary>
        public const int Length = 4;

        static readonly string[] Masks = { "○○○○", "●○○○", "●●○○", "●●●○", "●●●●" };
        readonly byte[] _digits = new byte[Length];

        /// <summary>Digits typed.</summary>
        public int Count { get; private set; }

        /// <summary>True when all four digits are there.</summary>
        public bool IsComplete { get { return Count == Length; } }

        /// <summary>The dots shown on screen: ● per typed digit, ○ per missing one.</summary>
        public string Mask { get { return Masks[Count]; } }

        /// <summary>Adds a digit 0-9; ignored when full.</summary>
        public void Add(int digit)
        {
            if (digit < 0 || digit > 9 || Count >= Length) return;
            _digits[Count++] = (byte)('0' + digit);
        }

        /// <summary>Erases the last digit.</summary>
        public void Back()
        {
            if (Count == 0) return;
            Count--;
            _digits[Count] = 0;
        }

        /// <summary>Zeroes the buffer.</summary>
        public void Wipe()
        {
            Array.Clear(_digits, 0, _digits.Length);
            Count = 0;
        }

        /// <summary>Lends the buffer to the card for one VERIFY, then wipes it whatever happens.</summary>
        public Card.CardResult SubmitTo(Card.IJpkiCard card)
        {
            try
            {
                return card.VerifyPin(_digits, 0, Count);
            }
            finally
            {
                Wipe();
            }
        }
    }
}
