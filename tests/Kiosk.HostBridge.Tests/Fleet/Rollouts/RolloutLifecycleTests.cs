using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet.Rollouts;

/// <summary>The whole rollout life cycle through the admin API (fleet port) and the device API (real mTLS with enrolled certificates).</summary>
public abstract class RolloutLifecycleTests<TFixture>(TFixture fixture) where TFixture : RolloutFixtureBase
{
    private HttpClient Device(X509Certificate2 certificate) => fixture.Bridge.Client(certificate);

    private static Task<WireResponse> CheckAsync(HttpClient device, string current) => Wire.GetAsync(device, "/v1/updates?current=" + current);

    private static Task<WireResponse> ReportAsync(HttpClient device, string version, string outcome, string? reason = null)
        => Wire.PostAsync(device, "/v1/updates/report", JsonSerializer.Serialize(reason is null ? new { version, outcome } : (object)new { version, outcome, reason }));

    private static object Group(int? percent = null, string[]? stores = null, double success = 1.0, double pause = 0.5, double abort = 1.0, bool approval = false)
        => new { percent, stores, successToAdvance = success, failureToPause = pause, failureToAbort = abort, requiresApproval = approval };

    private async Task<string> CreateAsync(FleetFixtureClient admin, string bundleId, string municipality, params object[] groups)
    {
        var (status, json) = await admin.PostAsync("/fleet/api/rollouts", new { bundleId, municipalityCode = municipality, groups });
        Assert.True(status == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("rolloutId").GetString()!;
    }

    private static JsonElement GroupOf(JsonElement rollout, int index) => rollout.GetProperty("groups")[index];

    [Fact]
    public async Task Upload_refuses_bad_signature_size_and_digest_with_problem_json()
    {
        var admin = fixture.Admin();
        var content = RolloutFixtureBase.Content(3000, 1);
        var m = fixture.NewMunicipality();
        var good = fixture.Sign("9.0.0", content);

        var forged = await admin.UploadAsync("9.0.0", content, fixture.Sign("9.0.1", content), municipality: m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.Status);
        Assert.Equal("application/problem+json", forged.ContentType);
        Assert.Equal("bundle-signature-invalid", forged.Json.GetProperty("error").GetString());
        Assert.Equal(422, forged.Json.GetProperty("status").GetInt32());

        var size = await admin.UploadAsync("9.0.0", content, good, size: 2999, municipality: m);
        Assert.Equal("bundle-size-mismatch", size.Json.GetProperty("error").GetString());
        var digest = await admin.UploadAsync("9.0.0", content, good, sha256: new string('0', 64), municipality: m);
        Assert.Equal("bundle-digest-mismatch", digest.Json.GetProperty("error").GetString());
        // A byte changed after signing: the digest the signature covers no longer matches.
        var tampered = (byte[])content.Clone();
        tampered[10] ^= 1;
        Assert.Equal("bundle-signature-invalid", (await admin.UploadAsync("9.0.0", tampered, good, municipality: m)).Json.GetProperty("error").GetString());

        var ok = await admin.UploadAsync("9.0.0", content, good, size: 3000, sha256: Convert.ToHexStringLower(SHA256.HashData(content)), municipality: m);
        Assert.Equal(HttpStatusCode.Created, ok.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), ok.Json.GetProperty("sha256").GetString());
        var again = await admin.UploadAsync("9.0.0", content, good, municipality: m);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        // A bundle as large as the ESP32's deploy partition passes the bridge's 1 MiB request cap; one byte more is refused.
        var largest = RolloutFixtureBase.Content(1792 * 1024, 9);
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync("9.1.0", largest, fixture.Sign("9.1.0", largest), municipality: m)).Status);
        var tooLarge = RolloutFixtureBase.Content(1792 * 1024 + 1, 9);
        var refused = await admin.UploadAsync("9.2.0", tooLarge, fixture.Sign("9.2.0", tooLarge), municipality: m);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal("bundle-too-large", refused.Json.GetProperty("error").GetString());

        var audit = await admin.GetAsync("/fleet/api/audit");
        var uploads = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "bundle.upload").Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Contains("refused: bundle-signature-invalid", uploads);
        Assert.Contains("refused: bundle-size-mismatch", uploads);
        Assert.Contains("refused: bundle-digest-mismatch", uploads);
        Assert.Contains("ok", uploads);
    }

    [Fact]
    public async Task Two_groups_with_approval_late_enrolment_joins_and_rollout_completes()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        string a = "a" + m, b = "b" + m, c = "c" + m;
        foreach (var s in new[] { a, b, c }) await admin.CreateStoreAsync(s, m);
        var a1 = await admin.EnrolAsync(a);
        var a2 = await admin.EnrolAsync(a);
        var b1 = await admin.EnrolAsync(b);
        var content = RolloutFixtureBase.Content(20_000, 2);
        var bundleId = await admin.UploadSignedAsync("2.0.0", content, m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(stores: [a], approval: true), Group(percent: 100));

        // Group 2 is not released: store b's device is told nothing and is not recorded.
        var held = await CheckAsync(Device(b1.Certificate), "1.0.0");
        Assert.Equal("none", held.Str("action"));
        Assert.Equal("group-not-released", held.Str("reason"));

        var offer = await CheckAsync(Device(a1.Certificate), "1.0.0");
        Assert.Equal("install", offer.Str("action"));
        Assert.Equal("2.0.0", offer.Str("version"));
        Assert.Equal(20_000, offer.Json.GetProperty("size").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), offer.Str("sha256"));

        // Range: resume after a drop at byte 5000.
        var client = Device(a1.Certificate);
        using (var request = new HttpRequestMessage(HttpMethod.Get, offer.Str("url")))
        {
            request.Headers.Range = new RangeHeaderValue(5000, 9999);
            using var part = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(content[5000..10000], await part.Content.ReadAsByteArrayAsync());
            Assert.Equal(20_000, part.Content.Headers.ContentRange!.Length);
        }
        Assert.Equal(content, await client.GetByteArrayAsync(offer.Str("url")));
        // Another device of the municipality that was not offered this bundle cannot fetch it.
        Assert.Equal(HttpStatusCode.NotFound, (await Wire.GetAsync(Device(b1.Certificate), offer.Str("url"))).Status);

        Assert.Equal("succeeded", (await ReportAsync(client, "2.0.0", "succeeded")).Str("state"));
        var afterOne = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("running", afterOne.GetProperty("state").GetString());
        Assert.Equal(1, GroupOf(afterOne, 0).GetProperty("succeeded").GetInt32());
        var states = afterOne.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("deviceId").GetString()!, d => d.GetProperty("state").GetString());
        Assert.Equal("succeeded", states[a1.DeviceId]);
        Assert.Equal("pending", states[a2.DeviceId]);
        Assert.False(states.ContainsKey(b1.DeviceId));

        Assert.Equal("install", (await CheckAsync(Device(a2.Certificate), "1.0.0")).Str("action"));
        var second = await ReportAsync(Device(a2.Certificate), "2.0.0", "succeeded");
        Assert.Equal("await-approval", second.Json.GetProperty("decision").GetString());
        var waiting = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("awaiting-approval", waiting.GetProperty("state").GetString());
        Assert.Contains("2/2 succeeded", waiting.GetProperty("decisionCause").GetString());
        Assert.Equal("none", (await CheckAsync(Device(b1.Certificate), "1.0.0")).Str("action"));

        var (approved, approvedJson) = await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/approve");
        Assert.Equal(HttpStatusCode.OK, approved);
        Assert.Equal("running", approvedJson.GetProperty("state").GetString());
        Assert.True(GroupOf(approvedJson, 1).GetProperty("released").GetBoolean());
        Assert.Equal(1, GroupOf(approvedJson, 1).GetProperty("targeted").GetInt32());

        // A device enrolled while the rollout runs joins the group its store falls in.
        var c1 = await admin.EnrolAsync(c);
        var late = await CheckAsync(Device(c1.Certificate), "1.0.0");
        Assert.Equal("install", late.Str("action"));
        var joined = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal(2, GroupOf(joined, 1).GetProperty("targeted").GetInt32());
        Assert.Equal(1, GroupOf(joined, 1).GetProperty("joinedLate").GetInt32());

        Assert.Equal("install", (await CheckAsync(Device(b1.Certificate), "1.0.0")).Str("action"));
        await ReportAsync(Device(b1.Certificate), "2.0.0", "succeeded");
        var last = await ReportAsync(Device(c1.Certificate), "2.0.0", "succeeded");
        Assert.Equal("complete", last.Json.GetProperty("decision").GetString());
        var done = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("completed", done.GetProperty("state").GetString());

        var audit = (await admin.GetAsync("/fleet/api/audit")).EnumerateArray().Where(e => e.GetProperty("target").GetString() == rolloutId).ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.create" && e.GetProperty("actor").GetString() == "root");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.await-approval" && e.GetProperty("actor").GetString() == "rollout-policy");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.approve");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.complete");
    }

    [Fact]
    public async Task Error_threshold_pauses_and_holds_the_next_group_back()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        string a = "a" + m, b = "b" + m;
        await admin.CreateStoreAsync(a, m);
        await admin.CreateStoreAsync(b, m);
        var a1 = await admin.EnrolAsync(a);
        var a2 = await admin.EnrolAsync(a);
        var b1 = await admin.EnrolAsync(b);
        var bundleId = await admin.UploadSignedAsync("3.0.0", RolloutFixtureBase.Content(4000, 3), m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(stores: [a], success: 1.0, pause: 0.5, abort: 1.0), Group(percent: 100));

        await CheckAsync(Device(a1.Certificate), "1.0.0");
        var failed = await ReportAsync(Device(a1.Certificate), "3.0.0", "failed", "digest-mismatch");
        Assert.Equal("failed", failed.Str("state"));
        Assert.Equal("pause", failed.Json.GetProperty("decision").GetString());

        var view = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("paused", view.GetProperty("state").GetString());
        Assert.Contains("pause threshold", view.GetProperty("decisionCause").GetString());
        Assert.False(GroupOf(view, 1).GetProperty("released").GetBoolean());
        Assert.Equal("rollout-paused", (await CheckAsync(Device(a2.Certificate), "1.0.0")).Str("reason"));
        Assert.Equal("rollout-paused", (await CheckAsync(Device(b1.Certificate), "1.0.0")).Str("reason"));
        Assert.DoesNotContain(view.GetProperty("devices").EnumerateArray(), d => d.GetProperty("deviceId").GetString() == b1.DeviceId);
        var audit = (await admin.GetAsync("/fleet/api/audit")).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.pause" && e.GetProperty("actor").GetString() == "rollout-policy"
            && e.GetProperty("outcome").GetString()!.Contains("1/2 failed"));
    }

    [Fact]
    public async Task Error_threshold_aborts_and_the_device_that_switched_is_sent_back()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        string a = "a" + m, b = "b" + m;
        await admin.CreateStoreAsync(a, m);
        await admin.CreateStoreAsync(b, m);
        var a1 = await admin.EnrolAsync(a);
        var a2 = await admin.EnrolAsync(a);
        var b1 = await admin.EnrolAsync(b);
        var oldId = await admin.UploadSignedAsync("6.0.0", RolloutFixtureBase.Content(2500, 12), m);
        var bundleId = await admin.UploadSignedAsync("6.1.0", RolloutFixtureBase.Content(2500, 13), m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(stores: [a], success: 1.0, pause: 0.5, abort: 0.5), Group(percent: 100));

        Assert.Equal("install", (await CheckAsync(Device(a1.Certificate), "6.0.0")).Str("action"));
        Assert.Equal("install", (await CheckAsync(Device(a2.Certificate), "6.0.0")).Str("action"));
        Assert.Null((await ReportAsync(Device(a1.Certificate), "6.1.0", "succeeded")).Json.GetProperty("decision").GetString());
        var failed = await ReportAsync(Device(a2.Certificate), "6.1.0", "failed", "self-check-failed");
        Assert.Equal("abort", failed.Json.GetProperty("decision").GetString());

        var view = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("aborted", view.GetProperty("state").GetString());
        Assert.Contains("abort threshold", view.GetProperty("decisionCause").GetString());
        Assert.False(GroupOf(view, 1).GetProperty("released").GetBoolean());
        var back = await CheckAsync(Device(a1.Certificate), "6.1.0");
        Assert.Equal("rollback", back.Str("action"));
        Assert.Equal("6.0.0", back.Str("version"));
        Assert.Equal("/v1/updates/bundles/" + oldId, back.Str("url"));
        Assert.Equal("none", (await CheckAsync(Device(b1.Certificate), "6.0.0")).Str("action"));
        var audit = (await admin.GetAsync("/fleet/api/audit")).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "rollout.abort" && e.GetProperty("actor").GetString() == "rollout-policy"
            && e.GetProperty("target").GetString() == rolloutId);
    }

    [Fact]
    public async Task Pause_resume_abort_and_devices_go_back_to_their_previous_bundle()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        var s = "s" + m;
        await admin.CreateStoreAsync(s, m);
        var d1 = await admin.EnrolAsync(s);
        var d2 = await admin.EnrolAsync(s);
        var old = RolloutFixtureBase.Content(3000, 4);
        var oldId = await admin.UploadSignedAsync("4.0.0", old, m);
        var bundleId = await admin.UploadSignedAsync("4.1.0", RolloutFixtureBase.Content(3000, 5), m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(percent: 100, success: 1.0, pause: 0.9, abort: 1.0));

        Assert.Equal("install", (await CheckAsync(Device(d1.Certificate), "4.0.0")).Str("action"));
        await ReportAsync(Device(d1.Certificate), "4.1.0", "succeeded");

        Assert.Equal("paused", (await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/pause")).Json.GetProperty("state").GetString());
        Assert.Equal("rollout-paused", (await CheckAsync(Device(d2.Certificate), "4.0.0")).Str("reason"));
        var (badState, badJson) = await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/approve");
        Assert.Equal(HttpStatusCode.Conflict, badState);
        Assert.Equal("rollout-state", badJson.GetProperty("error").GetString());
        Assert.Equal("running", (await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/resume")).Json.GetProperty("state").GetString());
        Assert.Equal("install", (await CheckAsync(Device(d2.Certificate), "4.0.0")).Str("action"));

        var (aborted, abortedJson) = await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/abort");
        Assert.Equal(HttpStatusCode.OK, aborted);
        Assert.Equal("aborted", abortedJson.GetProperty("state").GetString());

        // d1 runs the new bundle: it is told to go back, to exactly the version it had.
        var back = await CheckAsync(Device(d1.Certificate), "4.1.0");
        Assert.Equal("rollback", back.Str("action"));
        Assert.Equal("4.0.0", back.Str("version"));
        Assert.Equal("/v1/updates/bundles/" + oldId, back.Str("url"));
        Assert.Equal(old, await Device(d1.Certificate).GetByteArrayAsync(back.Str("url")));
        // d2 never switched: nothing to do, and the aborted bundle can no longer be fetched.
        Assert.Equal("none", (await CheckAsync(Device(d2.Certificate), "4.0.0")).Str("action"));
        Assert.Equal(HttpStatusCode.NotFound, (await Wire.GetAsync(Device(d2.Certificate), "/v1/updates/bundles/" + bundleId)).Status);

        Assert.Equal("rolled-back", (await ReportAsync(Device(d1.Certificate), "4.0.0", "succeeded", "rolled-back")).Str("state"));
        Assert.Equal("none", (await CheckAsync(Device(d1.Certificate), "4.0.0")).Str("action"));
        var view = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal("rolled-back", view.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == d1.DeviceId).GetProperty("state").GetString());

        var actions = (await admin.GetAsync("/fleet/api/audit")).EnumerateArray().Where(e => e.GetProperty("target").GetString() == rolloutId)
            .Select(e => e.GetProperty("action").GetString() + ":" + e.GetProperty("outcome").GetString()!.Split(':')[0]).ToList();
        Assert.Contains("rollout.pause:ok", actions);
        Assert.Contains("rollout.resume:ok", actions);
        Assert.Contains("rollout.abort:ok", actions);
        Assert.Contains("rollout.approve:refused", actions);
    }

    [Fact]
    public async Task Approve_releases_the_next_group_early_when_a_group_has_no_devices()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        string empty = "e" + m, s = "s" + m;
        await admin.CreateStoreAsync(empty, m);
        await admin.CreateStoreAsync(s, m);
        var d = await admin.EnrolAsync(s);
        var bundleId = await admin.UploadSignedAsync("7.0.0", RolloutFixtureBase.Content(1500, 8), m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(stores: [empty]), Group(percent: 100));
        Assert.Equal("group-not-released", (await CheckAsync(Device(d.Certificate), "1.0.0")).Str("reason"));

        var (status, json) = await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/approve");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, json.GetProperty("releasedGroup").GetInt32());
        Assert.Contains("group 2 released", json.GetProperty("decisionCause").GetString());
        Assert.Equal("install", (await CheckAsync(Device(d.Certificate), "1.0.0")).Str("action"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/fleet/api/rollouts/" + rolloutId + "/approve")).Status);
    }

    [Fact]
    public async Task Percentage_groups_use_stable_buckets_and_concurrent_reports_decide_once()
    {
        var admin = fixture.Admin();
        var m = fixture.NewMunicipality();
        var s = "p" + m;
        await admin.CreateStoreAsync(s, m);
        var devices = new List<(string DeviceId, X509Certificate2 Certificate)>();
        // 12 random device ids: the chance that a 50 % bucket holds none or all of them is 2 in 4096.
        for (var i = 0; i < 12; i++) devices.Add(await admin.EnrolAsync(s));
        var bundleId = await admin.UploadSignedAsync("8.0.0", RolloutFixtureBase.Content(2000, 10), m);
        var rolloutId = await CreateAsync(admin, bundleId, m, Group(percent: 50, success: 1.0, pause: 0.5, approval: true), Group(percent: 100));

        var expected = devices.Where(d => Kiosk.HostBridge.Fleet.Rollouts.RolloutPolicy.InPercentage(rolloutId, d.DeviceId, 50)).Select(d => d.DeviceId).ToHashSet();
        Assert.InRange(expected.Count, 1, devices.Count - 1);
        var view = await admin.GetAsync("/fleet/api/rollouts/" + rolloutId);
        Assert.Equal(expected, view.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!).ToHashSet());
        foreach (var d in devices)
            Assert.Equal(expected.Contains(d.DeviceId) ? "install" : "none", (await CheckAsync(Device(d.Certificate), "1.0.0")).Str("action"));

        // Every device of group 1 reports at once: the last report decides, exactly once.
        var replies = await Task.WhenAll(devices.Where(d => expected.Contains(d.DeviceId)).Select(d => ReportAsync(Device(d.Certificate), "8.0.0", "succeeded")));
        Assert.All(replies, r => Assert.Equal("succeeded", r.Str("state")));
        Assert.Single(replies, r => r.Json.GetProperty("decision").ValueKind == JsonValueKind.String);
        Assert.Equal("awaiting-approval", (await admin.GetAsync("/fleet/api/rollouts/" + rolloutId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Another_municipality_admin_sees_nothing_and_cannot_act()
    {
        var root = fixture.Admin();
        var m = fixture.NewMunicipality();
        var other = fixture.NewMunicipality();
        await root.CreateStoreAsync("s" + m, m);
        var bundleId = await root.UploadSignedAsync("5.0.0", RolloutFixtureBase.Content(1000, 6), m);
        var rolloutId = await CreateAsync(root, bundleId, m, Group(percent: 100));
        var user = "admin" + other;
        Assert.Equal(HttpStatusCode.Created, (await root.PostAsync("/fleet/api/admins", new { username = user, password = "a-long-password-1", municipalityCode = other })).Status);
        var (status, login) = await FleetFixtureClient.SendAsync(root.Plain(), HttpMethod.Post, "/fleet/api/login", new { username = user, password = "a-long-password-1" });
        Assert.Equal(HttpStatusCode.OK, status);
        var client = root.Plain();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await FleetFixtureClient.SendAsync(client, HttpMethod.Get, "/fleet/api/rollouts/" + rolloutId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FleetFixtureClient.SendAsync(client, HttpMethod.Post, "/fleet/api/rollouts/" + rolloutId + "/abort")).Status);
        var (_, list) = await FleetFixtureClient.SendAsync(client, HttpMethod.Get, "/fleet/api/rollouts");
        Assert.Empty(list.EnumerateArray());
        var (_, bundles) = await FleetFixtureClient.SendAsync(client, HttpMethod.Get, "/fleet/api/bundles");
        Assert.DoesNotContain(bundles.EnumerateArray(), x => x.GetProperty("bundleId").GetString() == bundleId);
        var (create, _) = await FleetFixtureClient.SendAsync(client, HttpMethod.Post, "/fleet/api/rollouts",
            new { bundleId, groups = new[] { Group(percent: 100) } });
        Assert.Equal(HttpStatusCode.NotFound, create);
        Assert.Equal("running", (await root.GetAsync("/fleet/api/rollouts/" + rolloutId)).GetProperty("state").GetString());
    }
}

public sealed class SqliteRolloutLifecycleTests(SqliteRolloutFixture fixture)
    : RolloutLifecycleTests<SqliteRolloutFixture>(fixture), IClassFixture<SqliteRolloutFixture>;

public sealed class PostgresRolloutLifecycleTests(PostgresRolloutFixture fixture)
    : RolloutLifecycleTests<PostgresRolloutFixture>(fixture), IClassFixture<PostgresRolloutFixture>;
