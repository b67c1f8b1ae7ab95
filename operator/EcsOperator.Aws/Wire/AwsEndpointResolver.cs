using Amazon.Runtime;

namespace EcsOperator.Aws.Wire;

/// <summary>Region and endpoint resolution, in the order the AWS CLI and SDKs use.</summary>
internal static class AwsEndpointResolver
{
    /// <summary>Explicit region, else AWS_REGION / AWS_DEFAULT_REGION, else the named profile's region (the order the
    /// DynamoDB and SQS clients use too, and the AWS CLI's), else the SDK's fallback chain (AWS_PROFILE's or the default
    /// profile's region, then instance metadata unless AWS_EC2_METADATA_DISABLED).</summary>
    public static string ResolveRegion(AwsConnection connection)
    {
        if ((connection.EffectiveRegion ?? connection.ProfileRegion()) is { } region) return region.Trim();
        try
        {
            if (FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: true) is { } fallback) return fallback.SystemName;
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
        var perService = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + serviceEnvId);
        var url = !string.IsNullOrWhiteSpace(connection.EndpointUrl) ? connection.EndpointUrl
            : !string.IsNullOrWhiteSpace(perService) ? perService
            : connection.EffectiveEndpointUrl ?? $"https://{endpointPrefix}.{region}.{DnsSuffix(region)}";
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
