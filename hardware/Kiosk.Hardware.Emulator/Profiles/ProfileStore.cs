using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiosk.Hardware.Emulator.Profiles;

/// <summary>Loads and validates card profiles: the embedded default set or a JSON file of the same shape.</summary>
public sealed class ProfileStore
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly Dictionary<string, ResidentProfile> _byId;

    private ProfileStore(IReadOnlyList<ResidentProfile> residents)
    {
        Residents = residents;
        _byId = residents.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>All profiles in file order.</summary>
    public IReadOnlyList<ResidentProfile> Residents { get; }

    /// <summary>The default set shipped as Profiles/residents.json (embedded in the assembly).</summary>
    public static ProfileStore Default { get; } = LoadDefault();

    /// <summary>Loads profiles from a JSON file; throws <see cref="ProfileException"/> with a clear message when invalid.</summary>
    public static ProfileStore Load(string path)
    {
        if (!File.Exists(path)) throw new ProfileException("profile file not found: " + path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses profiles from JSON text; <paramref name="origin"/> names the source in error messages.</summary>
    public static ProfileStore Parse(string json, string origin = "profiles")
    {
        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ProfileFile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ProfileException(origin + ": not valid profile JSON: " + e.Message);
        }
        if (file?.Residents is null || file.Residents.Count == 0) throw new ProfileException(origin + ": no residents");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in file.Residents)
        {
            Validate(r, origin);
            if (!seen.Add(r.Id)) throw new ProfileException(origin + ": duplicate id " + r.Id);
        }
        return new ProfileStore(file.Residents);
    }

    /// <summary>The profile with this id; throws <see cref="ProfileException"/> listing the known ids when absent.</summary>
    public ResidentProfile Get(string id)
        => _byId.TryGetValue(id, out var p)
            ? p
            : throw new ProfileException("unknown profile '" + id + "'; known: " + string.Join(", ", _byId.Keys));

    /// <summary>True and the profile when the id exists.</summary>
    public bool TryGet(string id, out ResidentProfile profile) => _byId.TryGetValue(id, out profile!);

    private static ProfileStore LoadDefault()
    {
        using var stream = typeof(ProfileStore).Assembly.GetManifestResourceStream("Kiosk.Hardware.Emulator.Profiles.residents.json")
            ?? throw new InvalidOperationException("embedded residents.json missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded residents.json");
    }

    private static void Validate(ResidentProfile r, string origin)
    {
        string Where(string what) => origin + ": resident '" + r.Id + "': " + what;
        if (string.IsNullOrWhiteSpace(r.Id) || !r.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ProfileException(origin + ": id must be lower-case letters, digits and '-': '" + r.Id + "'");
        if (r.Pupi.Length != 8 || !r.Pupi.All(char.IsAsciiHexDigit)) throw new ProfileException(Where("pupi must be 8 hex digits"));
        if (!r.IsMyNumberCard) return;
        if (r.Sex is not ("male" or "female" or "unspecified")) throw new ProfileException(Where("sex must be male, female or unspecified"));
        if (!MyNumberCheckDigit.IsValid(r.MyNumber)) throw new ProfileException(Where("myNumber must be 12 digits with a valid check digit"));
        if (r.MunicipalityCode.Length != 6 || !r.MunicipalityCode.All(char.IsAsciiDigit)) throw new ProfileException(Where("municipalityCode must be 6 digits"));
        if (r.AuthPin is null || r.AuthPin.Length != 4 || !r.AuthPin.All(char.IsAsciiDigit)) throw new ProfileException(Where("authPin must be 4 digits"));
        if (r.SupportPin is null || r.SupportPin.Length != 4 || !r.SupportPin.All(char.IsAsciiDigit)) throw new ProfileException(Where("supportPin must be 4 digits"));
        if (r.AuthPinTriesLeft is < 0 or > 3) throw new ProfileException(Where("authPinTriesLeft must be 0..3"));
        if (r.SupportPinTriesLeft is < 0 or > 3) throw new ProfileException(Where("supportPinTriesLeft must be 0..3"));
        if (r.CertificatesIssued is null) throw new ProfileException(Where("certificatesIssued is required"));
        if (r.AuthCertificate == AuthCertificateState.None) throw new ProfileException(Where("a My Number Card needs an authCertificate state"));
        if (r.HasSignCertificate)
        {
            if (!IsSignPassword(r.SignPin)) throw new ProfileException(Where("signPin must be 6-16 of A-Z and 0-9 with a letter and a digit"));
            if (r.SignPinTriesLeft is < 0 or > 5) throw new ProfileException(Where("signPinTriesLeft must be 0..5"));
        }
    }

    /// <summary>True for a valid JPKI signing password: 6–16 characters of A–Z/0–9 with at least one letter and one digit.</summary>
    public static bool IsSignPassword(string? pin)
        => pin is { Length: >= 6 and <= 16 }
           && pin.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
           && pin.Any(char.IsAsciiLetterUpper) && pin.Any(char.IsAsciiDigit);

    private sealed class ProfileFile
    {
        public int Version { get; set; }
        public List<ResidentProfile>? Residents { get; set; }
    }
}

/// <summary>A profile file or profile id a user gave is wrong; the message says what and where.</summary>
public sealed class ProfileException(string message) : Exception(message);
