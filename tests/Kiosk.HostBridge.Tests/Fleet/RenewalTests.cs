using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Certificate renewal over the device's mTLS connection, on SQLite and on a real PostgreSQL.</summary>
public abstract class RenewalTests(FleetFixture fixture)
{
    private async Task<(HttpClient Admin, string DeviceId, X509Certificate2 Device)> EnrolAsync()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (status, _) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/stores",
            new { storeId = "renew-store", municipalityCode = "131016", name = "Renewal store" });
        Assert.Equal(HttpStatusCode.Created, status);
        var (enrolled, json, device) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(admin, "renew-store"));
        Assert.Equal(HttpStatusCode.Created, enrolled);
        return (admin, json.GetProperty("deviceId").GetString()!, device!);
    }

    private static X509Certificate2 WithKeyOf(X509Certificate2 holder, string pem)
    {
        using var issued = X509Certificate2.CreateFromPem(pem);
        using var withKey = issued.CopyWithPrivateKey(holder.GetECDsaPrivateKey()!);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private async Task<bool> HandshakeAcceptedAsync(X509Certificate2 certificate)
    {
        try
        {
            var r = await Wire.GetAsync(fixture.Bridge.Client(certificate), "/v1/certificate");
            return r.Status == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Flagged_device_renews_its_own_key_and_the_old_certificate_retires_on_first_use_of_the_new()
    {
        var (admin, deviceId, device) = await EnrolAsync();
        var status = await Wire.GetAsync(fixture.Bridge.Client(device), "/v1/certificate");
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.False(status.Json.GetProperty("due").GetBoolean());
        Assert.Equal("not-due", status.Str("reason"));
        Assert.Equal(device.SerialNumber, status.Str("serial"));

        var early = await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/certificate/renew");
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.False(early.Json.GetProperty("renewed").GetBoolean());

        var (flagged, _) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/renew");
        Assert.Equal(HttpStatusCode.OK, flagged);
        Assert.Equal("flagged", (await Wire.GetAsync(fixture.Bridge.Client(device), "/v1/certificate")).Str("reason"));

        var renewed = await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/certificate/renew");
        Assert.Equal(HttpStatusCode.OK, renewed.Status);
        Assert.True(renewed.Json.GetProperty("renewed").GetBoolean());
        using var fresh = WithKeyOf(device, renewed.Str("certificate"));
        Assert.NotEqual(device.SerialNumber, fresh.SerialNumber);
        Assert.Equal(fresh.SerialNumber, renewed.Str("serial"));
        Assert.Equal(deviceId, fresh.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal(device.PublicKey.EncodedKeyValue.RawData, fresh.PublicKey.EncodedKeyValue.RawData);
        Assert.True(fresh.NotAfter > device.NotAfter.AddSeconds(-1));
        Assert.False((await Wire.GetAsync(fixture.Bridge.Client(device), "/v1/certificate")).Json.GetProperty("due").GetBoolean());

        // The answer could have been lost: the old certificate still opens the port until the new one is used.
        Assert.True(await HandshakeAcceptedAsync(device));
        Assert.True(await HandshakeAcceptedAsync(fresh));
        Assert.False(await HandshakeAcceptedAsync(device));
        Assert.True(await HandshakeAcceptedAsync(fresh));

        var (_, overview) = await FleetFixture.SendAsync(admin, HttpMethod.Get, "/fleet/api/certificates/renewals");
        var entry = overview.GetProperty("renewed").EnumerateArray().Single(e => e.GetProperty("deviceId").GetString() == deviceId);
        Assert.Equal(device.SerialNumber, entry.GetProperty("oldSerial").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, entry.GetProperty("retiredAt").ValueKind);

        var records = await fixture.Bridge.Get<FleetAudit>().ReadAllAsync(CancellationToken.None);
        Assert.Contains(records, r => r.Action == "certificate.flag-renewal" && r.Target == deviceId);
        Assert.Contains(records, r => r.Action == "certificate.renew" && r.Target == deviceId && r.Outcome.StartsWith("ok: ", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Action == "certificate.retire" && r.Target == deviceId);
        Assert.True((await fixture.Bridge.Get<FleetAudit>().VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Device_inside_the_window_renews_and_revoking_it_refuses_both_certificates()
    {
        var (admin, deviceId, device) = await EnrolAsync();
        await using (var c = await fixture.Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            // Move the recorded expiry into the renewal window (the window is judged on the registry's value).
            await c.ExecuteAsync("UPDATE devices SET cert_not_after = @at WHERE device_id = @deviceId",
                new { at = DateTimeOffset.UtcNow.AddDays(10).ToUnixTimeMilliseconds(), deviceId });
        }
        var status = await Wire.GetAsync(fixture.Bridge.Client(device), "/v1/certificate");
        Assert.True(status.Json.GetProperty("due").GetBoolean());
        Assert.Equal("expiring", status.Str("reason"));
        var renewed = await Wire.PostAsync(fixture.Bridge.Client(device), "/v1/certificate/renew");
        Assert.True(renewed.Json.GetProperty("renewed").GetBoolean());
        using var fresh = WithKeyOf(device, renewed.Str("certificate"));

        var (revoked, _) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/revoke", new { reason = "stolen" });
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.False(await HandshakeAcceptedAsync(device));
        Assert.False(await HandshakeAcceptedAsync(fresh));
    }

    [Fact]
    public async Task Municipality_admin_cannot_flag_another_municipalitys_device()
    {
        var (root, deviceId, _) = await EnrolAsync();
        var user = "renew-" + Guid.NewGuid().ToString("N")[..6];
        var (created, _) = await FleetFixture.SendAsync(root, HttpMethod.Post, "/fleet/api/admins",
            new { username = user, password = "other-municipality-pw", municipalityCode = "271004" });
        Assert.Equal(HttpStatusCode.Created, created);
        var other = await fixture.LoginAsync(user, "other-municipality-pw");
        var (status, json) = await FleetFixture.SendAsync(other, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/renew");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not-found", json.GetProperty("error").GetString());
    }
}

public sealed class SqliteRenewalTests(FleetFixture fixture) : RenewalTests(fixture), IClassFixture<FleetFixture>;

/// <summary>The fleet fixture on a fresh database of the run's PostgreSQL server.</summary>
public sealed class PostgresFleetFixture : FleetFixture
{
    protected override DatabaseChoice ChooseDatabase() => DatabaseChoice.Postgres(PostgresServer.Shared.CreateDatabase("fleet"));
}

public sealed class PostgresRenewalTests(PostgresFleetFixture fixture) : RenewalTests(fixture), IClassFixture<PostgresFleetFixture>;
