using EcsOperator.TestUtilities.Contracts.Ecs;

namespace EcsOperator.Simulator.Tests.Tasks;

public sealed class WorkloadBehaviorTests
{
    [Fact]
    public void Tags_are_read_leniently_and_bad_values_are_ignored()
    {
        var w = WorkloadBehavior.FromTags(EcsSamples.Tags(
            (WorkloadBehavior.ExitCodeTag, " 3 "), (WorkloadBehavior.RunSecondsTag, "-5"), (WorkloadBehavior.LogTag, "a\\nb\nc"),
            (WorkloadBehavior.HealthyTag, "False"), ("other", "x")));

        Assert.Equal(new WorkloadBehavior { ExitCode = 3, LogLines = ["a", "b", "c"], Healthy = false }, w);
        Assert.Null(WorkloadBehavior.FromTags(EcsSamples.Tags(("unrelated", "1"))));
        Assert.Null(WorkloadBehavior.FromTags(EcsSamples.Tags((WorkloadBehavior.ExitCodeTag, "three"))));
    }

    [Fact]
    public void Explicit_members_win_over_the_fallback()
    {
        var merged = new WorkloadBehavior { RunFor = TimeSpan.FromSeconds(2) }.Over(new WorkloadBehavior { ExitCode = 4, RunForever = true });

        Assert.Equal(new WorkloadBehavior { RunFor = TimeSpan.FromSeconds(2), ExitCode = 4, RunForever = false }, merged);
    }
}
