using System.Net.Http.Headers;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Wire;

/// <summary>One signed POST to one AWS service endpoint. No retries here: the resilience pipeline owns them.</summary>
internal sealed class AwsWireClient(
    HttpClient http, Uri endpoint, string region, AwsServiceDescriptor service, AwsCredentialSource credentials, TimeProvider time)
{
    public string Region => region;

    public Uri Endpoint => endpoint;

    public AwsServiceDescriptor Service => service;

    /// <summary>The same client posting to another endpoint (IAM's global one).</summary>
    public AwsWireClient WithEndpoint(Uri other) => new(http, other, region, service, credentials, time);

    /// <summary>Posts <paramref name="body"/> and returns status, body and the error-type header. HTTP errors are returned,
    /// not thrown; transport failures surface as <see cref="HttpRequestException"/>.</summary>
    public async Task<AwsWireResponse> PostAsync(byte[] body, string contentType, string? target, CancellationToken ct)
    {
        var creds = await credentials.GetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (target is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        AwsRequestSigner.Sign(request, body, contentType, creds, region, service.SigningName, time.GetUtcNow());
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        return new AwsWireResponse((int)response.StatusCode, text, errorType);
    }

    /// <summary>Thrown for an answer that is not the protocol's shape at all (e.g. an HTML error page from a proxy).</summary>
    public static AwsApiException Unparseable(int status, string body, Exception? inner) =>
        AwsApiException.From(status >= 500 ? "InternalFailure" : "UnknownError",
            $"unparseable response (HTTP {status}): {Truncate(body, 300)}", status, inner);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "...";
}

internal sealed record AwsWireResponse(int Status, string Body, string? ErrorType);
