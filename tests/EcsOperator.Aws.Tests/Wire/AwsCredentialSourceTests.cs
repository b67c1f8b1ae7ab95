using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Tests.Wire;

public sealed class AwsCredentialSourceTests
{
    [Fact]
    public async Task An_unknown_profile_is_a_typed_access_error_naming_the_profile_not_a_retry_loop()
    {
        var profile = "no-such-profile-" + Guid.NewGuid().ToString("N")[..8];
        using var aws = AwsClients.Create(new AwsConnection("us-east-1", profile, "http://127.0.0.1:9"), TimeProvider.System);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Ecs.SendAsync(EcsAction.ListServices, new JsonObject(), default));
        Assert.Equal(AwsErrorKind.AccessDenied, e.Kind);
        Assert.True(e.IsTerminal);
        Assert.Contains(profile, e.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_comes_from_the_connection_first()
    {
        using var aws = AwsClients.Create(new AwsConnection("ap-southeast-2", null, "http://127.0.0.1:9"), TimeProvider.System);
        Assert.Equal("ap-southeast-2", aws.Region);
    }
}
