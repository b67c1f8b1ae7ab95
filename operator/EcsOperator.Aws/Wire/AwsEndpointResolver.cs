using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace EcsOperator.Aws.Wire;

/// <summary>Region and endpoint resolution, in the order the AWS CLI and SDKs use.</summary>
internal static class AwsEndpointResolver
{
    /// <summary>Explicit region, else the profile's region, else the SDK's fallback chain (AWS_REGION, AWS_DEFAULT_REGION,
    /// the default profile, instance metadata).</summary>
    public static string ResolveRegion(AwsConnection connection)
    {
        if (!string.IsNullOrWhiteSpace(connection.Region)) return connection.Region.Trim();
        if (!string.IsNullOrWhiteSpace(connection.Profile)
            && new CredentialProfileStoreChain().TryGetProfile(connection.Profile, out var profile)
            && profile.Region is { } profileRegion)
        {
            return profileRegion.SystemName;
        }
        var fromEnv = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv.Trim();
        try
        {
            if (FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false) is { } fallback) return fallback.SystemName;
        }
        catch (InvalidOperationException) { }
        catch (AmazonClientException) { }
        throw new InvalidOperationException("no AWS region: pass --region or set AWS_REGION (or a region in the AWS profile)");
    }

    /// <summary>Explicit endpoint, else <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>,
    /// else the public regional endpoint <c>https://&lt;prefix&gt;.&lt;region&gt;.amazonaws.com</c>.</summary>
    /// <param name="serviceEnvId">The service id as the SDKs spell it in environment variables, e.g. <c>ECS</c>, <c>CLOUDWATCH_LOGS</c>.</param>
    public static Uri ResolveEndpoint(AwsConnection connection, string endpointPrefix, string serviceEnvId, string region)
    {
        var url = connection.EndpointUrl;
        if (string.IsNullOrWhiteSpace(url)) url = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + serviceEnvId);
        if (string.IsNullOrWhiteSpace(url)) url = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (string.IsNullOrWhiteSpace(url)) url = $"https://{endpointPrefix}.{region}.{DnsSuffix(region)}";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"endpoint url '{url}' is not an absolute http(s) URL");
        return uri;
    }

    private static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn"
        : region.StartsWith("us-iso-", StringComparison.Ordinal) ? "c2s.ic.gov"
        : region.StartsWith("us-isob-", StringComparison.Ordinal) ? "sc2s.sgov.gov"
        : "amazonaws.com";
}
