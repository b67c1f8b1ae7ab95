using EcsOperator.Aws.Wire;

namespace EcsOperator.Aws.Tests.Wire;

public sealed class AwsEndpointResolverTests
{
    [Fact]
    public void Explicit_region_and_endpoint_win()
    {
        var c = new AwsConnection(" eu-central-1 ", null, "http://localhost:4566");
        Assert.Equal("eu-central-1", AwsEndpointResolver.ResolveRegion(c));
        Assert.Equal(new Uri("http://localhost:4566"), AwsEndpointResolver.ResolveEndpoint(c, "ecs", "ECS", "eu-central-1"));
    }

    [SkippableTheory]
    [InlineData("ecs", "us-west-2", "https://ecs.us-west-2.amazonaws.com/")]
    [InlineData("monitoring", "eu-west-1", "https://monitoring.eu-west-1.amazonaws.com/")]
    [InlineData("logs", "cn-north-1", "https://logs.cn-north-1.amazonaws.com.cn/")]
    public void Public_regional_endpoint_when_nothing_overrides_it(string prefix, string region, string expected)
    {
        // Only meaningful when the test process has no endpoint override of its own.
        Skip.If(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null, "AWS_ENDPOINT_URL is set in this environment");
        Assert.Equal(new Uri(expected), AwsEndpointResolver.ResolveEndpoint(new AwsConnection(region, null, null), prefix, "X_TEST_NONE", region));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative")]
    public void A_bad_endpoint_url_is_reported_with_the_value(string url)
    {
        var e = Assert.Throws<InvalidOperationException>(() => AwsEndpointResolver.ResolveEndpoint(new AwsConnection("us-east-1", null, url), "ecs", "ECS", "us-east-1"));
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
    }
}
