using System.Security.Cryptography.X509Certificates;

namespace Kiosk.HostBridge.Jpki;

/// <summary>The configured JPKI CA certificates, the only roots a card certificate may chain to.</summary>
public sealed class JpkiTrustAnchors
{
    /// <summary>Loads every certificate from the given files (PEM or DER) and folders.</summary>
    public JpkiTrustAnchors(IEnumerable<string> paths)
    {
        var all = new X509Certificate2Collection();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".cer", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".der", StringComparison.OrdinalIgnoreCase))
                : [path];
            foreach (var file in files) all.AddRange(Load(file));
        }
        Certificates = all;
    }

    /// <summary>The anchors.</summary>
    public X509Certificate2Collection Certificates { get; }

    private static X509Certificate2Collection Load(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var collection = new X509Certificate2Collection();
        if (bytes.Length > 0 && bytes[0] == (byte)'-') collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
        else collection.Add(X509CertificateLoader.LoadCertificate(bytes));
        return collection;
    }
}
