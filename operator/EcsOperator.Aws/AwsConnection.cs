using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace EcsOperator.Aws;

/// <summary>
/// Where and as whom the operator talks to AWS, as the AWS CLI spells it: <c>--region</c>, <c>--profile</c>,
/// <c>--endpoint-url</c>. Null members fall back to the standard environment (<c>AWS_REGION</c>,
/// <c>AWS_DEFAULT_REGION</c>, <c>AWS_ENDPOINT_URL</c>, <c>AWS_PROFILE</c>) and then to the SDK's own resolution
/// (shared config files, container and instance metadata).
/// </summary>
public sealed record AwsConnection(string? Region, string? Profile, string? EndpointUrl)
{
    /// <summary>The region asked for, or from <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c>; null leaves it to the SDK.</summary>
    public string? EffectiveRegion =>
        NonEmpty(Region) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION")) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));

    /// <summary>The <c>region</c> of the named profile in the shared config files, if a profile is named and has one.
    /// Comes after <see cref="EffectiveRegion"/>, as in the AWS CLI (the environment wins over the profile's config).</summary>
    internal string? ProfileRegion() =>
        NonEmpty(Profile) is { } name && new CredentialProfileStoreChain().TryGetProfile(name, out var profile) ? profile.Region?.SystemName : null;

    /// <summary>The endpoint asked for, or from <c>AWS_ENDPOINT_URL</c>; null means the service's regional endpoint.</summary>
    public string? EffectiveEndpointUrl => NonEmpty(EndpointUrl) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    /// <summary>
    /// Fills an SDK client config: <see cref="ClientConfig.ServiceURL"/> (signing for the effective region) when an
    /// endpoint is set, else the region; the named profile for credentials (otherwise the SDK's default chain:
    /// environment, profiles, SSO, container and instance roles). Returns <paramref name="config"/>.
    /// </summary>
    public TConfig ApplyTo<TConfig>(TConfig config) where TConfig : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        var region = EffectiveRegion;
        var endpoint = EffectiveEndpointUrl;
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (NonEmpty(Profile) is { } profile) config.Profile = new Profile(profile);
        return config;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
