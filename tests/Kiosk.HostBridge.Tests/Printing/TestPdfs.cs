using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Small, distinct PDFs: each carries its order id and random filler, so any mix-up of papers shows in the bytes.</summary>
internal static class TestPdfs
{
    public static byte[] For(string orderId)
    {
        var text = "%PDF-1.4\n% certificate for order " + orderId + " " + Convert.ToHexString(RandomNumberGenerator.GetBytes(64)) + "\n" +
            "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
            "trailer << /Root 1 0 R >>\n%%EOF\n";
        return Encoding.ASCII.GetBytes(text);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
