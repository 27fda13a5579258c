using Kiosk.TestSupport;
using System.Net;
using System.Security.Cryptography;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>The emulator's virtual My Number Card (its test JPKI PKI) answers the bridge's challenge through real APDUs.</summary>
public sealed class EmulatorCardTests : IAsyncLifetime
{
    private const string Profile = "tanaka-hanako";
    private readonly TempFolder _temp = new("kiosk-emucard-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;
    private JpkiTestPki _jpki = null!;
    private BridgeInstance _bridge = null!;

    public async Task InitializeAsync()
    {
        _jpki = JpkiTestPki.Create();
        var now = DateTimeOffset.UtcNow;
        _bridge = await BridgeInstance.StartAsync(TestPki.Shared, _folder, DatabaseChoice.SqliteIn(_folder), BridgeInstance.NewDeploymentKey(),
            crl: _jpki.BuildAuthCrl(now.AddHours(-1), now.AddHours(6)), jpkiAnchor: _jpki.AuthCaCertificate);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        _temp.Dispose();
    }

    private static byte[] Transmit(VirtualMyNumberCard card, string hex, byte[]? data = null, bool le = false)
    {
        var head = Convert.FromHexString(hex);
        var apdu = data is null ? head : [.. head, (byte)data.Length, .. data];
        if (le) apdu = [.. apdu, 0x00];
        var response = card.Process(apdu);
        Assert.True(response.Length >= 2 && response[^2] == 0x90 && response[^1] == 0x00, "SW " + Convert.ToHexString(response[^2..]));
        return response[..^2];
    }

    private static void SelectEf(VirtualMyNumberCard card, ushort ef) => Transmit(card, "00A4020C", [(byte)(ef >> 8), (byte)ef]);

    private static byte[] ReadAuthCertificate(VirtualMyNumberCard card)
    {
        SelectEf(card, JpkiAids.AuthCertificate);
        var header = card.Process(Convert.FromHexString("00B0000004"))[..4];
        var total = 4 + (header[2] << 8 | header[3]);
        var der = new List<byte>(total);
        while (der.Count < total)
        {
            var chunk = Math.Min(255, total - der.Count);
            der.AddRange(Transmit(card, "00B0" + (der.Count >> 8).ToString("X2") + (der.Count & 0xFF).ToString("X2") + chunk.ToString("X2")));
        }
        return [.. der];
    }

    private static byte[] Sign(VirtualMyNumberCard card, string pin, byte[] challenge)
    {
        SelectEf(card, JpkiAids.AuthPin);
        Transmit(card, "00200080", System.Text.Encoding.ASCII.GetBytes(pin));
        SelectEf(card, JpkiAids.AuthKey);
        byte[] digestInfo = [.. Convert.FromHexString("3031300D060960864801650304020105000420"), .. SHA256.HashData(challenge)];
        return Transmit(card, "802A0080", digestInfo, le: true);
    }

    [Fact]
    public async Task The_virtual_card_signs_the_challenge_and_the_bridge_accepts_it()
    {
        var card = VirtualMyNumberCard.Create(_jpki.Profiles.Get(Profile), _jpki);
        Transmit(card, "00A4040C", JpkiAids.Jpki);
        var certificate = ReadAuthCertificate(card);
        var credentials = _jpki.Resident(Profile);
        Assert.Equal(credentials.AuthCertificateDer, certificate);
        _bridge.Issuance.AddResident(new TestCard(credentials.AuthCertificate, RSA.Create()), "resident-emulated");

        var client = _bridge.Client(TestPki.Shared.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var signature = Sign(card, _jpki.Profiles.Get(Profile).AuthPin!, challenge);
        var body = System.Text.Json.JsonSerializer.Serialize(new { certificate = Convert.ToBase64String(certificate), signature = Convert.ToBase64String(signature) });
        var r = await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", body);
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);

        // The same card's signature over another session's challenge is refused.
        var (sid2, _) = await Wire.OpenAsync(client);
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions/" + sid2 + "/authenticate", body), HttpStatusCode.Unauthorized, "signature-invalid");
    }
}
