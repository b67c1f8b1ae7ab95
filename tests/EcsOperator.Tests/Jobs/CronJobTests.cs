using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Jobs;

public sealed class CronJobTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private async Task<ResourceKey> PutCronJobAsync(string schedule, string policy, int runSeconds, string extra = "")
    {
        var key = new ResourceKey(ResourceKind.CronJob, "default", "hourly");
        await world.Store.PutAsync(key, $$"""
            apiVersion: ecs.operator/v1
            kind: CronJob
            metadata:
              name: hourly
              annotations: {"simulator.ecs.operator/run-seconds": "{{runSeconds}}"}
            spec:
              schedule: "{{schedule}}"
              concurrencyPolicy: {{policy}}
              successfulJobsHistoryLimit: 2
            {{extra}}
              jobTemplate:
                spec: {appRef: web, command: [bin/rails, runner, Report.run]}
            """, null, default);
        world.Track(key);
        return key;
    }

    private string[] SeenJobs() => world.Seen.Where(k => k.Kind == ResourceKind.Job).Select(k => k.Name).Order(StringComparer.Ordinal).ToArray();

    private static string Slot(int hour, int minute = 0) =>
        CronJobReconciler.JobName("hourly", new DateTimeOffset(2026, 1, 5, hour, minute, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_day_with_forbid_and_a_downtime_gap_runs_each_allowed_slot_once()
    {
        world.Options.PollInterval = TimeSpan.FromMinutes(2);
        world.Rebuild();
        await world.PutAppAsync();
        var cron = await PutCronJobAsync("0 * * * *", "Forbid", 90 * 60, "  startingDeadlineSeconds: 600");
        var start = world.Time.GetUtcNow();
        bool Down(DateTimeOffset t) => t >= start.AddHours(10).AddMinutes(10) && t < start.AddHours(14).AddMinutes(40);
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1), Down);

        // 90-minute runs under Forbid: every other hour; 11:00-14:00 missed while down (14:00 was 40 minutes late).
        string[] expected = [.. new[] { 1, 3, 5, 7, 9, 15, 17, 19, 21, 23 }.Select(h => Slot(h))];
        Assert.Equal(expected.Order(StringComparer.Ordinal), SeenJobs());
        var remaining = await world.Store.ListAsync(ResourceKind.Job, "default", default);
        Assert.True(remaining.Count(j => JobState.FromJson(j.Status)?.Phase == JobPhases.Succeeded) <= 2);
        var events = await world.EventsAsync(cron);
        Assert.Contains(events, e => e.Reason == "MissedSchedule" && e.Message.Contains("startingDeadlineSeconds", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "MissedSchedule" && e.Message.Contains("Forbid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_downtime_without_a_deadline_only_the_latest_slot_runs()
    {
        await world.PutAppAsync();
        await PutCronJobAsync("*/10 * * * *", "Allow", 60);
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMinutes(5));
        world.Time.Advance(TimeSpan.FromHours(3)); // the operator was down: 18 slots missed
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMinutes(2));
        Assert.Equal([Slot(3)], SeenJobs());
    }

    [Fact]
    public async Task Replace_stops_the_running_job_for_the_next_slot()
    {
        await world.PutAppAsync();
        await PutCronJobAsync("*/10 * * * *", "Replace", 15 * 60);
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMinutes(15));
        var first = (await world.StateAsync(new ResourceKey(ResourceKind.Job, "default", Slot(0, 10))))!;
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMinutes(6));

        Assert.Null(await world.Store.GetAsync(new ResourceKey(ResourceKind.Job, "default", Slot(0, 10)), default));
        Assert.NotNull(await world.Store.GetAsync(new ResourceKey(ResourceKind.Job, "default", Slot(0, 20)), default));
        world.Time.Advance(TimeSpan.FromSeconds(10));
        var (tasks, _) = await Core.Aws.EcsApiExtensions.DescribeTasksAsync(world.Cloud.Ecs, JobWorld.Cluster, [first.TaskArns.Single()], default);
        Assert.Equal("STOPPED", Core.Json.JsonNodeExtensions.Str(tasks.Single(), "lastStatus"));
    }

    [Fact]
    public async Task Two_operators_reconciling_one_slot_create_one_job()
    {
        await world.PutAppAsync();
        var cron = await PutCronJobAsync("*/10 * * * *", "Allow", 60);
        await world.CronJobs.ReconcileAsync(cron, default);
        world.Time.Advance(TimeSpan.FromMinutes(10));
        var other = new CronJobReconciler(world.Store, world.Store, world.Cloud.Ecs, world.Time, NullLogger<CronJobReconciler>.Instance);
        await Task.WhenAll(world.CronJobs.ReconcileAsync(cron, default), other.ReconcileAsync(cron, default));
        Assert.Equal([Slot(0, 10)], (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Select(j => j.Key.Name));
    }

    [Fact]
    public async Task A_suspended_cronjob_creates_nothing()
    {
        await world.PutAppAsync();
        await PutCronJobAsync("*/10 * * * *", "Allow", 60, "  suspend: true");
        await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromHours(1));
        Assert.Empty(SeenJobs());
    }
}
