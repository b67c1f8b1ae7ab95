using Amazon.DynamoDBv2;
using Amazon.SQS;

namespace EcsOperator.Aws.Tests.DynamoDb;

public sealed class AwsConnectionTests
{
    [Fact]
    public void An_endpoint_becomes_the_service_url_signed_for_the_region()
    {
        var config = new AwsConnection("eu-west-1", null, "http://127.0.0.1:5000").ApplyTo(new AmazonDynamoDBConfig());
        Assert.StartsWith("http://127.0.0.1:5000", config.ServiceURL, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.Null(config.RegionEndpoint);
    }

    [Fact]
    public void Without_an_endpoint_the_region_picks_the_regional_endpoint()
    {
        var config = new AwsConnection("ap-northeast-1", null, " ").ApplyTo(new AmazonSQSConfig());
        Assert.Equal("ap-northeast-1", config.RegionEndpoint?.SystemName);
        Assert.Null(config.ServiceURL);
    }

    [Fact]
    public void A_profile_is_handed_to_the_sdk_credential_resolution()
    {
        var config = new AwsConnection("us-west-2", "deploy", null).ApplyTo(new AmazonDynamoDBConfig());
        Assert.Equal("deploy", config.Profile?.Name);
        Assert.Equal("us-west-2", config.RegionEndpoint?.SystemName);
    }

    [Fact]
    public void Explicit_values_win_over_the_environment()
    {
        var c = new AwsConnection(" sa-east-1 ", null, "http://localhost:4566");
        Assert.Equal("sa-east-1", c.EffectiveRegion);
        Assert.Equal("http://localhost:4566", c.EffectiveEndpointUrl);
    }
}
