using System.Text.Json.Nodes;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class JobLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobState Launched(JobState? s = null) => JobLifecycle.OnLaunched(s ?? JobState.New("uid-1", 1, T0), "arn:task/1", "sb-1", T0);

    private static StoppedTask Task(int? exit, string? stopCode = "EssentialContainerExited", string? reason = "Essential container in task exited") =>
        new("arn:task/1", "STOPPED", exit, stopCode, reason, null, T0, T0.AddMinutes(1));

    [Fact]
    public void Exit_zero_succeeds_and_records_exit_code()
    {
        var s = JobLifecycle.OnStopped(Launched(), JobPolicy.Default, Task(0), T0.AddMinutes(1));
        Assert.Equal(JobPhases.Succeeded, s.Phase);
        Assert.Equal(0, s.ExitCode);
        Assert.Equal(T0.AddMinutes(1), s.CompletionTime);
        Assert.Equal(nameof(RunOutcome.Succeeded), s.Runs.Single().Outcome);
    }

    [Fact]
    public void Non_zero_exit_retries_up_to_backoff_limit_then_fails_with_the_exit_code()
    {
        var policy = JobPolicy.Default with { BackoffLimit = 2 };
        var s = Launched();
        for (var i = 1; i <= 2; i++)
        {
            s = JobLifecycle.OnStopped(s, policy, Task(3), T0);
            Assert.Equal(JobPhases.Pending, s.Phase);
            Assert.Equal(i + 1, s.Run);
            Assert.True(s.NextLaunchAt > T0);
            s = JobLifecycle.OnLaunched(s, $"arn:task/{i + 1}", "sb", T0);
        }
        s = JobLifecycle.OnStopped(s, policy, Task(3), T0);
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.BackoffLimit, s.Reason);
        Assert.Equal(3, s.ExitCode);
        Assert.Equal(3, s.Failures);
    }

    [Fact]
    public void Exit_code_with_no_retries_fails_at_once()
    {
        var s = JobLifecycle.OnStopped(Launched(), JobPolicy.Default, Task(3), T0);
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.NonZeroExit, s.Reason);
        Assert.Contains("exited with code 3", s.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TerminationNotice", "Task stopped due to instance i-0123 termination")]
    [InlineData("SpotInterruption", "Your Spot Task was interrupted.")]
    [InlineData("EssentialContainerExited", "Host EC2 (instance i-0abc) terminated.")]
    public void Lost_host_reruns_without_counting(string stopCode, string reason)
    {
        var s = JobLifecycle.OnStopped(Launched(), JobPolicy.Default, Task(137, stopCode, reason), T0);
        Assert.Equal(JobPhases.Pending, s.Phase);
        Assert.Equal(2, s.Run);
        Assert.Equal(0, s.Failures);
        Assert.Equal(1, s.HostRetries);
        Assert.Null(s.NextLaunchAt);
    }

    [Fact]
    public void User_stop_fails_without_retry() =>
        Assert.Equal(JobReasons.Stopped,
            JobLifecycle.OnStopped(Launched(), JobPolicy.Default with { BackoffLimit = 5 }, Task(143, "UserInitiated", "stopped by user"), T0).Reason);

    [Fact]
    public void Placement_failures_retry_with_growing_jittered_backoff_then_fail()
    {
        var policy = JobPolicy.Default with { LaunchRetry = new LaunchRetryPolicy(3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25)) };
        var s = JobState.New("u", 1, T0);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            s = JobLifecycle.OnPlacementFailure(s, policy, "RESOURCE:MEMORY", T0);
            Assert.Equal(JobPhases.Pending, s.Phase);
            Assert.Equal(1, s.Run);
            Assert.Equal(0, s.Failures);
            delays.Add(s.NextLaunchAt!.Value - T0);
        }
        Assert.InRange(delays[0].TotalSeconds, 5, 10);
        Assert.InRange(delays[1].TotalSeconds, 10, 20);
        Assert.InRange(delays[2].TotalSeconds, 12.5, 25);
        s = JobLifecycle.OnPlacementFailure(s, policy, "RESOURCE:MEMORY", T0);
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(JobReasons.PlacementRetryLimit, s.Reason);
        Assert.Equal(4, s.PlacementRetries);
    }

    [Fact]
    public void Deadline_counts_from_the_start()
    {
        var policy = JobPolicy.Default with { Timeout = TimeSpan.FromSeconds(30) };
        var s = Launched();
        Assert.False(JobLifecycle.IsPastDeadline(s, policy, T0.AddSeconds(29)));
        Assert.True(JobLifecycle.IsPastDeadline(s, policy, T0.AddSeconds(30)));
        var failed = JobLifecycle.OnDeadline(s, policy, T0.AddSeconds(30));
        Assert.Equal(JobReasons.DeadlineExceeded, failed.Reason);
        Assert.Equal(JobPhases.Failed, failed.Phase);
    }

    [Fact]
    public void Status_round_trips_through_json_with_conditions()
    {
        var s = JobLifecycle.OnStopped(Launched(), JobPolicy.Default, Task(0), T0.AddMinutes(1));
        var json = StatusJson.Write(s.ToStatus());
        Assert.Equal("Complete", json["conditions"]![0]!["type"]!.GetValue<string>());
        var back = JobState.FromJson(JsonNode.Parse(json.ToJsonString())!.AsObject())!;
        Assert.Equal(s.Phase, back.Phase);
        Assert.Equal(s.Runs, back.Runs);
        Assert.Equal(s with { Runs = back.Runs }, back);
    }

    [Fact]
    public void Garbage_status_reads_as_none() =>
        Assert.Null(JobState.FromJson(new JsonObject { ["phase"] = 3, ["uid"] = new JsonArray() }));

    [Fact]
    public void Reads_task_times_in_wire_and_iso_forms()
    {
        var t = StoppedTask.From(new JsonObject
        {
            ["taskArn"] = "a", ["lastStatus"] = "STOPPED", ["startedAt"] = 1767225600.5, ["stoppedAt"] = "2026-01-01T00:01:00Z",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "side", ["exitCode"] = 0 }, new JsonObject { ["name"] = "app", ["exitCode"] = 4 }),
        }, "app");
        Assert.Equal(4, t.ExitCode);
        Assert.Equal(T0.AddMilliseconds(500), t.StartedAt);
        Assert.Equal(T0.AddMinutes(1), t.StoppedAt);
    }

    private static JsonObject TwoContainerTask(string desiredStatus, string? stopCode = null, string? stoppedReason = null, string lastStatus = "RUNNING") => new()
    {
        ["taskArn"] = "arn:task/1", ["lastStatus"] = lastStatus, ["desiredStatus"] = desiredStatus, ["stopCode"] = stopCode, ["stoppedReason"] = stoppedReason,
        ["containers"] = new JsonArray(
            new JsonObject { ["name"] = "app", ["lastStatus"] = lastStatus == "STOPPED" ? "STOPPED" : "RUNNING", ["exitCode"] = lastStatus == "STOPPED" ? 143 : null },
            new JsonObject { ["name"] = "rake", ["lastStatus"] = "STOPPED", ["exitCode"] = 3 }),
    };

    [Fact]
    public void The_jobs_container_exiting_in_a_running_task_ends_the_run_with_its_exit_code()
    {
        var t = StoppedTask.From(TwoContainerTask("RUNNING"), "rake");
        Assert.True(t.ContainerExited);
        Assert.True(t.IsOver);
        Assert.False(t.IsStopped);
        Assert.Equal(3, t.ExitCode);
        Assert.Equal(RunOutcome.NonZeroExit, t.Classify());
        Assert.Equal(["app", "rake"], t.Containers!.Select(c => c.Name));

        // Another container exiting decides nothing.
        Assert.False(StoppedTask.From(TwoContainerTask("RUNNING"), "app").IsOver);
        // Once ECS is stopping the task, the Job waits for the stop (a lost host must not read as the container's exit).
        Assert.False(StoppedTask.From(TwoContainerTask("STOPPED", "TerminationNotice", "Instance i-1 is being terminated"), "rake").IsOver);
    }

    [Fact]
    public void The_operators_own_stop_after_the_container_exited_is_not_a_users_stop()
    {
        var ours = StoppedTask.FinishedReason(new Core.Resources.ResourceKey(Core.Resources.ResourceKind.Job, "default", "rake"), "rake", 3);
        Assert.Equal("ecs-operator: Job default/rake finished: its container rake exited with code 3", ours);
        Assert.Equal(RunOutcome.NonZeroExit, StoppedTask.From(TwoContainerTask("STOPPED", "UserInitiated", ours, "STOPPED"), "rake").Classify());
        Assert.Equal(RunOutcome.Stopped, StoppedTask.From(TwoContainerTask("STOPPED", "UserInitiated", "interrupted by ecsctl run", "STOPPED"), "rake").Classify());
    }
}
