using EcsOperator.Core.Jobs;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class JobLifecycleMissingTaskTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_task_ecs_no_longer_reports_fails_the_job_without_a_rerun_even_with_retries_left()
    {
        var launched = JobLifecycle.OnLaunched(JobState.New("uid-1", 1, T0), "arn:task/1", "sb-1", T0);
        var s = JobLifecycle.OnStopped(launched, JobPolicy.Default with { BackoffLimit = 5 }, null, T0.AddHours(3));

        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.TaskMissing, s.Reason);
        Assert.Equal(1, s.Run);
        Assert.Null(s.NextLaunchAt);
        Assert.Equal(T0.AddHours(3), s.CompletionTime);
        Assert.Contains("outcome is unknown", s.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(RunOutcome.Missing), s.Current!.Outcome);
    }
}
