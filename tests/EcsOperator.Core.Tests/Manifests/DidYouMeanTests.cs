using EcsOperator.Core.Manifests.Validation;

namespace EcsOperator.Core.Tests.Manifests;

public sealed class DidYouMeanTests
{
    private static readonly string[] Fields = ["targetRef", "minTaskCount", "maxTaskCount", "idleTimeSeconds", "cooldownTimeForReachMaxSeconds", "step"];

    [Theory]
    [InlineData("targetref", "targetRef")]
    [InlineData("max_task_count", "maxTaskCount")]
    [InlineData("idle_time", "idleTimeSeconds")]
    [InlineData("cooldown_time_for_reach_max", "cooldownTimeForReachMaxSeconds")]
    [InlineData("stpe", "step")]
    [InlineData("minTaskCont", "minTaskCount")]
    public void Suggests_near_misses_and_the_seed_tools_snake_case_names(string wrong, string expected) =>
        Assert.Equal(expected, DidYouMean.Suggest(wrong, Fields));

    [Theory]
    [InlineData("region")]
    [InlineData("x")]
    [InlineData("taskCount")]
    public void Stays_quiet_when_nothing_is_close(string wrong) => Assert.Null(DidYouMean.Suggest(wrong, Fields));
}
