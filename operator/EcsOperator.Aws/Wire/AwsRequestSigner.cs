using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace EcsOperator.Aws.Wire;

/// <summary>
/// Signature Version 4 for the POST requests our protocols send (path "/", no query string). The canonical request is
/// assembled here; hashing, key derivation and the signature itself are AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
internal static class AwsRequestSigner
{
    /// <summary>Adds X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token (when a session token is present) and
    /// Authorization to <paramref name="request"/>. Every header already on the request (and Host, Content-Type) is signed.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string contentType, ImmutableCredentials credentials,
        string region, string signingName, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("request has no URI");
        var signedAt = now.UtcDateTime;
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true);

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", payloadHash);
        if (credentials.UseToken) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            ["content-type"] = contentType,
        };
        foreach (var (name, values) in request.Headers)
            headers[name.ToLowerInvariant()] = string.Join(",", values.Select(v => v.Trim()));

        var canonical = new StringBuilder();
        canonical.Append("POST\n");
        canonical.Append(string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath).Append('\n');
        canonical.Append('\n');
        foreach (var (name, value) in headers) canonical.Append(name).Append(':').Append(value).Append('\n');
        canonical.Append('\n');
        var signedHeaders = string.Join(";", headers.Keys);
        canonical.Append(signedHeaders).Append('\n');
        canonical.Append(payloadHash);

        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, signingName, signedHeaders, canonical.ToString());
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }
}
