using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;

namespace EcsOperator.Core.Tests.Controller;

/// <summary>Errors about a resource other tooling may still create are retried; errors about the spec itself are terminal.
/// The messages are ECS's (and the services it quotes) own wording.</summary>
public sealed class MissingResourceTests
{
    [Theory]
    [InlineData("ClusterNotFoundException", "Cluster not found.", "cluster", null)]
    [InlineData("InvalidParameterException", "Error retrieving subnet information for [subnet-0a1b2c3d]: The subnet ID 'subnet-0a1b2c3d' does not exist (ErrorCode: InvalidSubnetID.NotFound)", "subnet", "subnet-0a1b2c3d")]
    [InlineData("InvalidParameterException", "Error retrieving security group information for [sg-0123abcd]: The security group 'sg-0123abcd' does not exist (ErrorCode: InvalidGroup.NotFound)", "security group", "sg-0123abcd")]
    [InlineData("InvalidParameterException", "The target group with targetGroupArn arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/6d0ecf831eec9f09 does not have an associated load balancer.", "target group", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/6d0ecf831eec9f09")]
    [InlineData("InvalidParameterException", "Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.", "target group", null)]
    [InlineData("InvalidParameterException", "ECS was unable to assume the role 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.", "role", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole")]
    [InlineData("ClientException", "The specified log group 'awslogs-web' does not exist.", "log group", "awslogs-web")]
    [InlineData("InvalidParameterException", "The secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf does not exist.", "secret", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf")]
    [InlineData("InvalidParameterException", "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.", "capacity provider", null)]
    public void A_missing_external_resource_is_named_and_not_terminal(string code, string message, string what, string? id)
    {
        var e = AwsApiException.From(code, message);
        Assert.Equal(new MissingResource(what, id), e.Missing);
        Assert.False(e.IsTerminal);
    }

    [Theory]
    [InlineData("InvalidParameterException", "Container.image should not be null or empty.")]
    [InlineData("ClientException", "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.")]
    [InlineData("InvalidParameterException", "Task definition does not support launch_type FARGATE.")]
    [InlineData("ClientException", "No Fargate configuration exists for given values: 256 CPU, 4096 memory.")]
    [InlineData("InvalidParameterException", "subnets can have at most 16 items.")]
    [InlineData("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:CreateService")]
    public void A_value_ECS_will_never_accept_stays_terminal(string code, string message)
    {
        var e = AwsApiException.From(code, message);
        Assert.Null(e.Missing);
        Assert.True(e.IsTerminal);
    }

    [Fact]
    public void The_reason_is_camel_case_and_the_wait_grows_from_30_seconds_to_10_minutes()
    {
        Assert.Equal("SecurityGroupNotFound", new MissingResource("security group", null).Reason);
        Assert.Equal([30, 60, 120, 240, 480, 600, 600], Enumerable.Range(1, 7).Select(n => MissingResourceRetry.AfterFailures(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), MissingResourceRetry.AfterMissingFor(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(90), MissingResourceRetry.AfterMissingFor(TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.FromMinutes(10), MissingResourceRetry.AfterMissingFor(TimeSpan.FromHours(3)));
    }
}
