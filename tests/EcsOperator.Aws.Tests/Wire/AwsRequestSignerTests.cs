using System.Text;
using Amazon.Runtime;
using EcsOperator.Aws.Wire;

namespace EcsOperator.Aws.Tests.Wire;

public sealed class AwsRequestSignerTests
{
    /// <summary>The expected Authorization header was produced by botocore's SigV4Auth (the aws CLI's signer) for the same
    /// request, credentials and time.</summary>
    [Fact]
    public void Signature_matches_botocore_for_the_same_request()
    {
        var body = Encoding.UTF8.GetBytes("""{"cluster":"c"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://ecs.us-east-1.amazonaws.com/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListServices");
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN");

        AwsRequestSigner.Sign(request, body, "application/x-amz-json-1.1", credentials, "us-east-1", "ecs",
            new DateTimeOffset(2026, 11, 26, 6, 49, 38, TimeSpan.Zero));

        Assert.Equal("20261126T064938Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("SESSIONTOKEN", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal("df3145a15a8ce59c2bbe57e5e81ed604258de500bf602b83159a88bdb23c322c", request.Headers.GetValues("X-Amz-Content-Sha256").Single());
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/ecs/aws4_request, " +
            "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, " +
            "Signature=b5786ffe2a4e2f135d8608cc3b7522001818b009c23ac431e837204309871cd8",
            request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Without_a_session_token_no_token_header_is_signed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5000/");
        AwsRequestSigner.Sign(request, [], "application/x-www-form-urlencoded; charset=utf-8",
            new ImmutableCredentials("AKID", "SECRET", null), "eu-west-1", "monitoring", DateTimeOffset.UnixEpoch);
        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
        var auth = request.Headers.GetValues("Authorization").Single();
        Assert.Contains("Credential=AKID/19700101/eu-west-1/monitoring/aws4_request", auth, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", auth, StringComparison.Ordinal);
    }
}
