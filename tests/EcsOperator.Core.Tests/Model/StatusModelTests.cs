using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Model;
using EcsOperator.Core.Scaling;

namespace EcsOperator.Core.Tests.Model;

/// <summary>The status records (and so the schemas) name every field the reconcilers write: a written status reads
/// back into its record with unknown members refused.</summary>
public sealed class StatusModelTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Strict = new(ManifestJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    [Fact]
    public void A_scale_policy_status_reads_back_into_its_record()
    {
        var decision = new ScaleDecision(2, 5, "alarm web-cpu-high fired", [new FiredTrigger("alarm", "web-cpu-high", "+3", true), new FiredTrigger("alarm", "web-cpu-low", "-1", false, "an upscale fired")],
            new MinimumInForce(2, "minTaskCount"), new CeilingInForce(5, 0, "first stage", Now.AddMinutes(5)), new CeilingTimer(5, Now),
            ["missing-alarm"], [], [], null, null);
        var status = StatusJson.Write(new ScalePolicyStatus
        {
            ObservedGeneration = 3, LastScaleTime = Now, LastScaleReason = decision.Reason,
            ExternalChange = new ExternalChangeStatus { From = 4, To = 7, DetectedAt = Now },
        }.WithDecision(decision, applied: 4, timer: new CeilingTimer(5, Now)));
        Assert.Equal("2026-01-01T00:05:00.000Z", status["ceiling"]!["unlocksAt"]!.GetValue<string>());

        var read = status.Deserialize<ScalePolicyStatus>(Strict)!;
        Assert.Equal(5, read.WantedCount);
        Assert.Equal(4, read.DesiredCount);
        Assert.Equal("minTaskCount", read.Minimum!.Source);
        Assert.Equal(Now.AddMinutes(5), read.Ceiling!.UnlocksAt);
        Assert.False(read.FiredTriggers[1].Counted);
        Assert.Equal(7, read.ExternalChange!.To);
        Assert.Equal(["missing-alarm"], read.MissingAlarms);
    }

    [Fact]
    public void A_job_status_reads_back_into_its_record()
    {
        var state = JobState.New("uid-1", 2, Now) with
        {
            Phase = JobPhases.Failed, Cluster = "default", TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/rake:1",
            Container = "app", ExitCode = 1, StopCode = "EssentialContainerExited", StoppedReason = "exit 1", Reason = "BackoffLimitExceeded",
            Message = "1 failure", Failures = 1, CompletionTime = Now.AddMinutes(1), NextLaunchAt = Now,
            Runs = [new JobRun(1, "job/uid-1/1", "arn:task", Now, Now.AddMinutes(1), 1, "EssentialContainerExited", "exit 1", "Failed", "/ecs/rake", "rake/app/1",
                [new JobContainer("app", "STOPPED", 1, null), new JobContainer("log-router", "STOPPED", 143, "stopped")])],
        };
        var read = StatusJson.Write(state.ToStatus()).Deserialize<JobStatus>(Strict)!;
        Assert.Equal(JobPhase.Failed, read.Phase);
        Assert.Equal("uid-1", read.Uid);
        Assert.Equal("/ecs/rake", read.Runs.Single().LogGroup);
        Assert.Equal("BackoffLimitExceeded", read.Reason);
        Assert.Equal(143, read.Runs.Single().Containers![1].ExitCode);
        Assert.Equal(state.Runs.Single().Containers, JobState.FromJson(StatusJson.Write(state.ToStatus()))!.Runs.Single().Containers);
    }
}
