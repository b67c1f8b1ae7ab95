using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class JobNamesTests
{
    [Fact]
    public void Hook_jobs_are_named_from_app_hook_and_revision()
    {
        Assert.Equal("web-migrate-r7", PreDeployHookRunner.JobName("web", "migrate", "arn:aws:ecs:us-east-1:1:task-definition/default-web:7"));
        var longName = PreDeployHookRunner.JobName(new string('a', 60), "migrate", "arn:x:task-definition/f:12345");
        Assert.True(ResourceKey.IsDnsLabel(longName));
        Assert.EndsWith("-r12345", longName, StringComparison.Ordinal);
    }

    [Fact]
    public void Cron_jobs_are_named_from_the_slot_in_unix_minutes()
    {
        var slot = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal($"nightly-{slot.ToUnixTimeSeconds() / 60}", CronJobReconciler.JobName("nightly", slot));
        Assert.True(ResourceKey.IsDnsLabel(CronJobReconciler.JobName(new string('n', 63), slot)));
    }
}
