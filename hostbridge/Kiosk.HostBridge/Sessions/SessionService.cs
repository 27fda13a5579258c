using System.Security.Cryptography;
using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Jpki;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Privacy;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Sessions;

/// <summary>Session lifecycle: open (one per device), authenticate the card, list products, close, expire.</summary>
public sealed class SessionService(
    IDatabase database, SessionStore sessions, OrderPipeline pipeline, AuditLog audit, JpkiVerifier verifier, IIssuanceBackend issuance,
    SerialHasher hasher, ResidentSeal seal, BridgeMetrics metrics, IOptions<BridgeOptions> options, TimeProvider clock,
    ILogger<SessionService> logger, AuthRateLimiter rateLimiter)
{
    private TimingOptions Timing => options.Value.Timing;
    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens a session with a fresh challenge; any earlier active session of the device is closed and its orders aborted.</summary>
    public async Task<OpenSessionResponse> OpenAsync(DeviceRecord device, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var challenge = RandomNumberGenerator.GetBytes(32);
            var now = Now;
            var row = new SessionRow
            {
                SessionId = Guid.NewGuid().ToString("N"), DeviceId = device.DeviceId, StoreId = device.StoreId, State = SessionStates.Open,
                Challenge = Convert.ToBase64String(challenge), CreatedAt = now,
                ExpiresAt = Math.Min(now + (long)Timing.SessionIdle.TotalMilliseconds, now + (long)Timing.SessionMax.TotalMilliseconds),
                MaxExpiresAt = now + (long)Timing.SessionMax.TotalMilliseconds,
            };
            var superseded = new List<string>();
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                foreach (var old in await sessions.LockActiveForDeviceAsync(c, tx, device.DeviceId))
                {
                    await sessions.EndAsync(c, tx, old.SessionId, SessionStates.Closed, "superseded");
                    await audit.AppendAsync(c, tx, new AuditEntry("session-end", "superseded", device.DeviceId, device.StoreId, old.SessionId,
                        SerialHash: old.SerialHash, ReceiptCode: old.ReceiptCode));
                    superseded.Add(old.SessionId);
                }
                await sessions.InsertAsync(c, tx, row);
                await audit.AppendAsync(c, tx, new AuditEntry("session-open", "ok", device.DeviceId, device.StoreId, row.SessionId));
                await tx.CommitAsync(ct);
            }
            catch (Exception e) when (attempt < 5 && (database.IsUniqueViolation(e) || database.IsTransient(e)))
            {
                // Two opens from one device raced; the partial unique index let only one in. Try again: ours supersedes it.
                await Task.Delay(10 * (attempt + 1), ct);
                continue;
            }
            foreach (var id in superseded) await pipeline.AbortSessionOrdersAsync(id, OrderStates.Cancelled, OrderReasons.SessionSuperseded, ct);
            metrics.SessionOpened();
            return new OpenSessionResponse(row.SessionId, row.Challenge, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt),
                (int)Timing.SessionIdle.TotalSeconds);
        }
    }

    /// <summary>The device's live session, slid forward; throws session-not-found (other device too), session-expired, or not-authenticated.</summary>
    public async Task<SessionRow> RequireAsync(DeviceRecord device, string sessionId, bool authenticated, CancellationToken ct)
        => await RequireAsync(device, sessionId, await sessions.GetAsync(sessionId, ct), authenticated, ct);

    /// <summary>Like <see cref="RequireAsync(DeviceRecord, string, bool, CancellationToken)"/> for a session row the caller has just
    /// read (null when there is none), so a caller that read it with its order needs no second read.</summary>
    public async Task<SessionRow> RequireAsync(DeviceRecord device, string sessionId, SessionRow? session, bool authenticated, CancellationToken ct)
    {
        if (session is not null && session.SessionId != sessionId) throw new ArgumentException("The session row is not of this session.", nameof(session));
        if (session is null || session.DeviceId != device.DeviceId) throw new KioskProblemException("session-not-found");
        if (session.State == SessionStates.Closed) throw new KioskProblemException("session-not-found");
        if (session.State == SessionStates.Expired) throw new KioskProblemException("session-expired");
        if (session.ExpiresAt <= Now)
        {
            await ExpireAsync(sessionId, "timeout", ct);
            throw new KioskProblemException("session-expired");
        }
        if (authenticated && session.State != SessionStates.Authenticated) throw new KioskProblemException("session-not-authenticated");
        // Slid only once it has run down by a twentieth of the idle time (at most 5 s): a terminal long-polling its order would
        // otherwise write the session row on every poll, and the idle limit moves by no more than that.
        var newExpiry = Now + (long)Timing.SessionIdle.TotalMilliseconds;
        var slack = Math.Min(5000, (long)Timing.SessionIdle.TotalMilliseconds / 20);
        if (newExpiry - session.ExpiresAt > slack && session.ExpiresAt < session.MaxExpiresAt)
            await sessions.TouchAsync(sessionId, newExpiry, ct);
        return session;
    }

    /// <summary>Verifies the card's answer to this session's challenge and binds the session to the resident it resolves to.</summary>
    public async Task<AuthenticateResponse> AuthenticateAsync(DeviceRecord device, string sessionId, AuthenticateRequest request, CancellationToken ct)
    {
        var session = await RequireAsync(device, sessionId, authenticated: false, ct);
        if (session.State != SessionStates.Open || session.ChallengeUsed != 0 || session.Challenge is null)
            throw await RefuseAsync(device, session, "challenge-used");
        var certificate = DecodeBase64(request.Certificate, 8192, "certificate");
        var signature = DecodeBase64(request.Signature, 1024, "signature");
        // Counted before the challenge is spent: a limited terminal keeps its session and may retry after the window.
        if (!await rateLimiter.TryAttemptAsync(device.DeviceId, certificate, ct)) throw await RefuseAsync(device, session, "rate-limited");
        var challenge = Convert.FromBase64String(session.Challenge);
        if (!await sessions.ConsumeChallengeAsync(sessionId, ct)) throw await RefuseAsync(device, session, "challenge-used");

        var verification = await verifier.VerifyAsync(certificate, signature, challenge, ct);
        if (verification.Problem is not null) throw await RefuseAsync(device, session, verification.Problem);
        var serialHash = hasher.Hash(verification.SerialHex!);

        var resident = await Upstream(() => issuance.ResolveResidentAsync(verification.SerialHex!, verification.IssuerDn!, ct));
        if (resident is null || SerialHasher.Normalise(resident.CertificateSerialHex) != verification.SerialHex)
            throw await RefuseAsync(device, session, "resident-not-found", serialHash);

        var receipt = ReceiptCodes.New();
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            if (!await sessions.MarkAuthenticatedAsync(c, tx, sessionId, serialHash, seal.Seal(resident, sessionId), resident.MunicipalityCode, receipt))
                throw new KioskProblemException("session-expired");
            await audit.AppendAsync(c, tx, new AuditEntry("authenticate", "ok", device.DeviceId, device.StoreId, sessionId, SerialHash: serialHash,
                ReceiptCode: receipt));
            await tx.CommitAsync(ct);
        }
        metrics.Authentication("ok");
        logger.LogInformation("Session {SessionId} authenticated card {SerialHash} on device {DeviceId}", sessionId, serialHash, device.DeviceId);
        var name = options.Value.MunicipalityNames.TryGetValue(resident.MunicipalityCode, out var n) ? n : resident.MunicipalityCode;
        return new AuthenticateResponse(resident.MunicipalityCode, name, receipt);
    }

    private async Task<KioskProblemException> RefuseAsync(DeviceRecord device, SessionRow session, string code, string? serialHash = null)
    {
        metrics.Authentication(code);
        metrics.Failure(code);
        // Audited on its own: the refusal must be recorded even though the request fails.
        await audit.AppendAsync(new AuditEntry("authenticate", code, device.DeviceId, device.StoreId, session.SessionId, SerialHash: serialHash),
            CancellationToken.None);
        logger.LogWarning("Session {SessionId} authentication refused: {Problem}", session.SessionId, code);
        return new KioskProblemException(code);
    }

    private static byte[] DecodeBase64(string value, int maxBytes, string field)
    {
        if (value.Length > maxBytes * 4 / 3 + 4) throw new KioskProblemException("bad-request", "The " + field + " is too long.");
        try
        {
            var bytes = Convert.FromBase64String(value);
            if (bytes.Length == 0) throw new KioskProblemException("bad-request", "The " + field + " is empty.");
            return bytes;
        }
        catch (FormatException)
        {
            throw new KioskProblemException("bad-request", "The " + field + " is not base64.");
        }
    }

    /// <summary>The resident's current offers from the municipality, for this authenticated session.</summary>
    public async Task<(SessionRow Session, IReadOnlyList<ProductOffer> Offers)> OffersAsync(DeviceRecord device, string sessionId, CancellationToken ct)
    {
        var session = await RequireAsync(device, sessionId, authenticated: true, ct);
        var resident = seal.Open(session.SealedResident!, sessionId);
        return (session, await Upstream(() => issuance.ListProductsAsync(resident, clock.GetUtcNow(), ct)));
    }

    private async Task<T> Upstream<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (IssuanceRefusedException e)
        {
            throw new KioskProblemException(e.ReasonCode);
        }
        catch (Exception e) when (e is not OperationCanceledException and not KioskProblemException)
        {
            // The municipality's message may quote the request; only its type is logged.
            logger.LogWarning("Municipality call failed: {ExceptionType}", e.GetType().Name);
            throw new KioskProblemException("issuance-failed");
        }
    }

    /// <summary>Ends a session at the terminal's request; everything not yet printed is cancelled.</summary>
    public async Task CloseAsync(DeviceRecord device, string sessionId, CancellationToken ct)
    {
        var session = await sessions.GetAsync(sessionId, ct);
        if (session is null || session.DeviceId != device.DeviceId || session.State == SessionStates.Closed)
            throw new KioskProblemException("session-not-found");
        if (session.State == SessionStates.Expired) throw new KioskProblemException("session-expired");
        await EndAsync(session.SessionId, SessionStates.Closed, "closed", OrderStates.Cancelled, ct);
    }

    /// <summary>Expires a session (timeout anywhere): the session ends and all its orders are aborted.</summary>
    public Task ExpireAsync(string sessionId, string reason, CancellationToken ct)
        => EndAsync(sessionId, SessionStates.Expired, reason, OrderStates.Failed, ct);

    private async Task EndAsync(string sessionId, string state, string reason, string orderFinalState, CancellationToken ct)
    {
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            var session = await sessions.LockAsync(c, tx, sessionId);
            if (session is not null && await sessions.EndAsync(c, tx, sessionId, state, reason))
            {
                await audit.AppendAsync(c, tx, new AuditEntry("session-end", reason, session.DeviceId, session.StoreId, sessionId,
                    SerialHash: session.SerialHash, ReceiptCode: session.ReceiptCode));
            }
            await tx.CommitAsync(ct);
        }
        await pipeline.AbortSessionOrdersAsync(sessionId, orderFinalState, reason == "closed" ? OrderReasons.SessionClosed : reason, ct);
    }
}
