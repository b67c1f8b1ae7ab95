namespace EcsOperator.Aws;

/// <summary>Where and as whom to talk to AWS: <c>--region</c>, <c>--profile</c>, <c>--endpoint-url</c> as the AWS CLI spells them.
/// Null members fall back to the standard environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, ...).</summary>
public sealed record AwsConnection(string? Region, string? Profile, string? EndpointUrl);
