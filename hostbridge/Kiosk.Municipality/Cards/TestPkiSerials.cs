using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Municipality.Cards;

/// <summary>
/// Development only: the auth-certificate serial the Kiosk test PKI (the card emulator) gives a profile under a seed,
/// per the published rule in hardware/EMULATORS.md, so a simulator needs no exported card map. Production binds
/// serials from enrolment records through a card map file instead.
/// </summary>
public static class TestPkiSerials
{
    public static string AuthSerialFor(string seed, string profileId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("kiosk-jpki-serial|" + seed + "|auth|" + profileId));
        var serial = hash[..8];
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return Convert.ToHexString(serial);
    }

    /// <summary>Bindings for every profile id under the seed (issuer unchecked: the bridge verified the chain).</summary>
    public static IEnumerable<CardBinding> For(string seed, IEnumerable<string> profileIds) =>
        profileIds.Select(id => new CardBinding(AuthSerialFor(seed, id), null, id));
}
