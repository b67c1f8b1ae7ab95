using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.Core.Tests.ApiModel;

/// <summary>The throttle table covers every ECS action the operator, the simulator and the wire client know.</summary>
public sealed class EcsThrottleTableTests
{
    [Fact]
    public void Every_ecs_action_of_the_api_model_and_the_operator_is_listed_in_a_category_with_a_limit()
    {
        var actions = AwsApiModel.Ecs.Actions.Concat(EcsAction.All).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, action =>
        {
            Assert.True(EcsThrottleTable.Actions.ContainsKey(action), $"{action} is in no documented throttle category");
            Assert.True(EcsThrottleTable.Limits.ContainsKey(EcsThrottleTable.GroupOf(action)));
        });
    }

    [Fact]
    public void Every_category_has_a_valid_limit_and_at_least_one_action()
    {
        Assert.Equal(Enum.GetValues<EcsThrottleGroup>().Order(), EcsThrottleTable.Limits.Keys.Order());
        Assert.All(EcsThrottleTable.Limits.Values, l => Assert.True(l.Burst >= 1 && l.PerSecond > 0, l.ToString()));
        Assert.Equal(Enum.GetValues<EcsThrottleGroup>().Order(), EcsThrottleTable.Actions.Values.Distinct().Order());
    }

    [Theory]
    [InlineData("DescribeSomethingNew", EcsThrottleGroup.ClusterResourceRead)]
    [InlineData("GetSomethingNew", EcsThrottleGroup.ClusterResourceRead)]
    [InlineData("DoSomethingNew", EcsThrottleGroup.ClusterResourceModify)]
    public void Unlisted_actions_fall_into_the_cluster_resource_buckets(string action, EcsThrottleGroup expected) =>
        Assert.Equal(expected, EcsThrottleTable.GroupOf(action));

    [Fact]
    public void Scaling_multiplies_burst_and_refill_and_keeps_at_least_one_token()
    {
        Assert.Equal(new TokenBucketLimit(400, 20), new TokenBucketLimit(20, 1).Scaled(20));
        Assert.Equal(new TokenBucketLimit(1, 0.05), new TokenBucketLimit(5, 1).Scaled(0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucketLimit(5, 1).Scaled(0));
    }
}
