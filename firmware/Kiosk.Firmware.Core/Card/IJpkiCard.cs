namespace Kiosk.Firmware.Core.Card
{
    /// <summary>What the terminal asks of a My Number Card's JPKI AP (user-authentication side only).</summary>
    public interface IJpkiCard
    {
        /// <summary>Looks for a card in the field and selects the JPKI AP; NoCard or NotMyNumberCard otherwise.</summary>
        CardResult Open();

        /// <summary>True while the opened card is in the field; after <see cref="Release"/>, true while any card still lies on the reader.</summary>
        bool IsPresent();

        /// <summary>Reads the user-authentication certificate (EF 000A), DER in <see cref="CardResult.Data"/>.</summary>
        CardResult ReadAuthCertificate();

        /// <summary>Asks how many auth-PIN tries are left without spending one.</summary>
        CardResult QueryPinTriesLeft();

        /// <summary>Verifies the 4-digit auth PIN held in <paramref name="pin"/>; the caller wipes the buffer afterwards.</summary>
        CardResult VerifyPin(byte[] pin, int offset, int count);

        /// <summary>Has the card sign DigestInfo(SHA-256(challenge)) with the auth key; signature in <see cref="CardResult.Data"/>.</summary>
        CardResult SignChallenge(byte[] challenge, int offset, int count);

        /// <summary>Deselects and releases the card so the next session starts clean.</summary>
        void Release();
    }
}
