using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Wire;

/// <summary>
/// Credentials from AWSSDK.Core: a named profile when <see cref="AwsConnection.Profile"/> is set (shared config and
/// credentials files, including SSO and assume-role profiles), else the SDK's default chain (environment, profile,
/// web identity, container and instance roles). Refreshing credentials are refreshed by the SDK itself.
/// </summary>
internal sealed class AwsCredentialSource
{
    private readonly Func<AWSCredentials> _resolve;
    private AWSCredentials? _credentials;

    public AwsCredentialSource(AWSCredentials credentials) => _resolve = () => credentials;

    public AwsCredentialSource(AwsConnection connection) => _resolve = () => Resolve(connection);

    public async Task<ImmutableCredentials> GetAsync()
    {
        try
        {
            _credentials ??= _resolve();
            return await _credentials.GetCredentialsAsync();
        }
        catch (AmazonClientException e)
        {
            throw AwsApiException.From("MissingAuthenticationToken", "no AWS credentials: " + e.Message, 403, e);
        }
    }

    private static AWSCredentials Resolve(AwsConnection connection)
    {
        if (!string.IsNullOrWhiteSpace(connection.Profile))
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(connection.Profile, out var fromProfile)) return fromProfile;
            throw AwsApiException.From("MissingAuthenticationToken", $"AWS profile '{connection.Profile}' not found or has no credentials", 403);
        }
        return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
    }
}
