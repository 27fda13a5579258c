using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.HostBridge.Configuration;

namespace Kiosk.HostBridge.Api;

/// <summary>Reads request bodies strictly: size-capped, JSON only, no unknown fields, no missing required fields, no type coercion.</summary>
public static class StrictJson
{
    /// <summary>Options for every request and response body of protocol v1.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        MaxDepth = 4,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcSecondsConverter() },
    };

    /// <summary>Reads and validates a body; throws <see cref="KioskProblemException"/> (bad-request, payload-too-large) otherwise.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context, long maxBytes, bool emptyMeansEmptyObject = false)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        var tooLarge = request.ContentLength > maxBytes;
        int read;
        try
        {
            // An oversized body is still read to its end (Kestrel caps that at Bridge:DrainLimitBytes) and discarded, so the
            // terminal gets a clean 413 on its one keep-alive connection instead of a reset while it is still sending.
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (tooLarge) continue;
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) tooLarge = true;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new KioskProblemException("payload-too-large");
        }
        if (tooLarge) throw new KioskProblemException("payload-too-large");
        if (buffer.Length == 0 && emptyMeansEmptyObject) buffer.Write("{}"u8);
        if (buffer.Length > 0 && !IsJson(request.ContentType)) throw new KioskProblemException("unsupported-media-type");
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value ?? throw new KioskProblemException("bad-request", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            // Neither values nor field names are echoed: both come from the caller and could carry anything.
            _ = e;
            throw new KioskProblemException("bad-request",
                "The body is not valid for this request (malformed JSON, a wrong type, a missing required field or an unknown field).");
        }
    }

    private static bool IsJson(string? contentType)
        => contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Options for response bodies (same naming and time format, no input limits).</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new(JsonSerializerDefaults.Web) { Converters = { new UtcSecondsConverter() } };

    /// <summary>Writes a response body with the protocol's JSON options.</summary>
    public static IResult Json<T>(T value, int status = 200) => Results.Json(value, WriteOptions, "application/json", status);
}
