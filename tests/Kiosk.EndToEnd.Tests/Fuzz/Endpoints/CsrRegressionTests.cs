using Kiosk.HostBridge.Fleet;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>Found by the fleet JSON family's long run: a CSR whose EC curve OID was mutated to one OpenSSL does not know made enrolment answer 500.</summary>
public sealed class CsrRegressionTests
{
    // The fuzzer's input: a P-256 CSR (public key only) with one bit of the curve OID changed (…03 01 07 became …03 01 17).
    private const string UnknownCurveCsr = """
-----BEGIN CERTIFICATE REQUEST-----
MIHJMHECAQAwDzENMAsGA1UEAxMEZnV6ejBZMBMGByqGSM49AgEGCCqGSM49AwEX
A0IABKFG4N7BIrnxkE2mYG6b1M8Xy0OT0/uua9tiki5RrEMeJ1rQVzbeAL+GLxnk
BR3zS3jA2xrYHnrYCdEw5A6fvH+gADAKBggqhkjOPQQDAgNIADBFAiB9UMbpt1Hp
U7p3u1Rs5BFCsInlvQvbA1TO9wf9RLeNnAIhAMgMt0tbJFUaGmgQARc6Yu5innW+
lpiSoONcb6x1zw5+
-----END CERTIFICATE REQUEST-----
""";

    // A later input of the same run: the signature algorithm OID mutated to 1.2.840.10045.4.3.10, which .NET does not support.
    private const string UnknownSignatureAlgorithmCsr = """
-----BEGIN CERTIFICATE REQUEST-----
MIHKMHECAQAwDzENMAsGA1UEAxMEZnV6ejBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABH+6B7nWw6+dc3fUKAXwmfdq+bpxAHRUVvRFxlzw3MlSIOIlm/YgeyyEywEU
uvBt3t088AbtH3SVjTL71U9bcqKgADAKBggqhkjOPQQDCgNJADBGAiEAnbN4tdxg
Wmj4h0QyRIQEoUGMiD0wdFY/jH/nPGFu6jACIQDuzRvxfzSTwn5gRN+C90mHLCiM
8r3mks3V8weSxpHM+w==
-----END CERTIFICATE REQUEST-----
""";

    [Fact]
    public void A_csr_with_an_unknown_signature_algorithm_is_refused_with_a_reason()
    {
        Assert.Null(FleetCaSigner.ParseCsr(UnknownSignatureAlgorithmCsr, out var reason));
        Assert.Contains("not a valid", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csr_on_an_unknown_curve_is_refused_with_a_reason()
    {
        Assert.Null(FleetCaSigner.ParseCsr(UnknownCurveCsr, out var reason));
        Assert.Contains("CSR", reason, StringComparison.Ordinal);
    }
}
