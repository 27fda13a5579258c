namespace Kiosk.HostBridge.Fleet;

/// <summary>
/// Reads the body of a console post or a bundle upload. A body that is not a form, or that cannot be decoded, is the caller's mistake and gets a
/// clear 415, 400 or 413; before, ReadFormAsync's InvalidOperationException (wrong content type) and IOException (broken multipart) became 500s.
/// </summary>
public static class FormBodies
{
    /// <summary>The form, or a <see cref="FleetProblem"/> saying what is wrong with the body; <paramref name="expected"/> names the form to send.</summary>
    public static async Task<IFormCollection> ReadAsync(HttpContext http, string expected)
    {
        if (!http.Request.HasFormContentType) throw new FleetProblem(415, "unsupported-media-type", "Send " + expected + ".");
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new FleetProblem(413, "payload-too-large", "The form is larger than the bridge accepts.");
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The form readers' own limits (body length, value count, value length, header count).
            throw new FleetProblem(413, "payload-too-large", "The form is larger than the bridge accepts.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !http.RequestAborted.IsCancellationRequested)
        {
            throw new FleetProblem(400, "bad-request", "The form could not be read; send " + expected + ".");
        }
    }
}
