using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Enrolment over the fleet listener: one-time tokens, CSR checks, a certificate the device port then accepts.</summary>
public sealed class EnrolmentTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Token_enrols_a_device_once_and_the_certificate_opens_the_kiosk_port()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-1");

        var (status, json, device) = await fixture.EnrolAsync(token);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("store-1", json.GetProperty("storeId").GetString());
        Assert.Equal("https://kiosk.example:8443", json.GetProperty("kioskUrl").GetString());
        using var ca = X509Certificate2.CreateFromPem(json.GetProperty("caBundle").GetString());
        Assert.Equal(fixture.Pki.FleetCa.Thumbprint, ca.Thumbprint);
        Assert.Equal(json.GetProperty("deviceId").GetString(), device!.GetNameInfo(X509NameType.SimpleName, false));

        var session = await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/sessions");
        Assert.Equal(HttpStatusCode.Created, session.Status);

        var again = await fixture.EnrolAsync(token);
        Assert.Equal(HttpStatusCode.Forbidden, again.Status);
        Assert.Equal("token-refused", again.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_enrols_only_into_the_store_it_was_made_for_and_another_store_leaves_it_unspent()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-2");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=candidate", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var (wrong, wrongJson) = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/v1/enroll", new { token, csr, storeId = "store-1" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal("token-refused", wrongJson.GetProperty("error").GetString());

        var (right, json) = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/v1/enroll", new { token, csr, storeId = "store-2" });
        Assert.Equal(HttpStatusCode.Created, right);
        Assert.Equal("store-2", json.GetProperty("storeId").GetString());
        var deviceId = json.GetProperty("deviceId").GetString()!;
        var (_, devices) = await FleetFixture.SendAsync(admin, HttpMethod.Get, "/fleet/api/devices");
        Assert.Equal("store-2", devices.EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == deviceId).GetProperty("storeId").GetString());
    }

    [Fact]
    public async Task Token_is_stored_only_as_a_hash()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-2");
        await using var c = await fixture.Bridge.Get<Storage.IDatabase>().OpenAsync(CancellationToken.None);
        var hashes = (await Dapper.SqlMapper.QueryAsync<string>(c, "SELECT token_hash FROM fleet_enrolment_tokens")).ToList();
        Assert.DoesNotContain(token, hashes);
        Assert.Contains(PasswordHasher.TokenHash(token), hashes);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var (token, _) = await fixture.Bridge.Get<EnrolmentService>().CreateTokenAsync("store-1", "test", TimeSpan.FromSeconds(-1), CancellationToken.None);
        var (status, json, _) = await fixture.EnrolAsync(token);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("token-refused", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Bad_csr_is_refused_without_spending_the_token()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var token = await fixture.CreateTokenAsync(admin, "store-1");
        using var weak = RSA.Create(1024);
        var weakCsr = new CertificateRequest("CN=x", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        var (status, json) = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/v1/enroll", new { token, csr = weakCsr });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("bad-csr", json.GetProperty("error").GetString());
        var (garbled, _) = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/v1/enroll", new { token, csr = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----" });
        Assert.Equal(HttpStatusCode.BadRequest, garbled);

        Assert.Equal(HttpStatusCode.Created, (await fixture.EnrolAsync(token)).Status);
    }

    [Fact]
    public async Task Device_port_still_refuses_handshakes_without_a_certificate_and_has_no_enrolment_route()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Bridge.Client(null).PostAsync("/v1/enroll", new StringContent("{}")));
        var onDevicePort = await Wire.PostAsync(fixture.Bridge.Client(fixture.Pki.Device), "/v1/enroll", "{\"token\":\"x\",\"csr\":\"y\"}");
        Assert.Equal(HttpStatusCode.NotFound, onDevicePort.Status);
        var adminOnOps = await fixture.Bridge.OpsClient().GetAsync("/fleet/api/devices");
        Assert.Equal(HttpStatusCode.NotFound, adminOnOps.StatusCode);
    }

    [Fact]
    public async Task Fleet_port_does_not_let_a_device_certificate_stand_in_for_an_admin()
    {
        var (status, _) = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Get, "/fleet/api/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var wrong = await FleetFixture.SendAsync(fixture.FleetClient(), HttpMethod.Post, "/fleet/api/login", new { username = "root", password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
    }
}
