using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>
/// Containers one by one, as the ECS agent runs them. When the image pull is done, every container whose
/// <c>dependsOn</c> conditions hold starts (START: the dependency is running; COMPLETE: it has exited; SUCCESS: it has
/// exited 0; HEALTHY: its health check passes); the others wait, and one whose condition can no longer hold never
/// starts. The task is RUNNING once every container is running or has exited. One container runs the workload (its
/// exit code, run time and log lines): the container named by the <see cref="OperatorTags.Container"/> tag (a Job's
/// container), else the one whose command a RunTask override replaces, else the first essential container. Every
/// other container runs until the task stops. A non-essential container exiting leaves the task running; an essential
/// one stops it ("Essential container in task exited"), and the containers still running then exit 143 (SIGTERM).
/// </summary>
internal sealed partial class SimWorld
{
    private enum Readiness { Wait, Start, Never }

    private static void MarkWorkloadContainer(List<ContainerRec> containers, JsonArray tags, JsonObject overrides)
    {
        var named = OperatorTags.Read(new JsonObject { ["tags"] = tags.DeepClone() }, OperatorTags.Container);
        var overridden = overrides.Arr("containerOverrides").Objects().FirstOrDefault(o => o["command"] is JsonArray).Str("name");
        var workload = containers.FirstOrDefault(c => named is not null && c.Name == named)
            ?? containers.FirstOrDefault(c => overridden is not null && c.Name == overridden)
            ?? containers.FirstOrDefault(c => c.Essential)
            ?? containers.FirstOrDefault();
        if (workload is not null) workload.Workload = true;
    }

    private static List<ContainerDependency> DependenciesOf(JsonObject definition) =>
        [.. definition.Arr("dependsOn").Objects()
            .Where(d => d.Str("containerName") is { Length: > 0 })
            .Select(d => new ContainerDependency(d.Str("containerName")!, d.Str("condition") ?? "START"))];

    /// <summary>The image pull is done: containers start in their dependency order.</summary>
    private void StartContainers(ClusterRec c, TaskRec t)
    {
        t.ContainersStarted = true;
        if (t.LastStatus == "ACTIVATING") t.LastStatus = "PENDING";
        ProgressContainers(c, t);
    }

    /// <summary>Runs every container transition due now: exits, then starts that the exits allow, until nothing moves.</summary>
    private void ProgressContainers(ClusterRec c, TaskRec t)
    {
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var ct in t.Containers.Where(x => x.LastStatus == "RUNNING" && x.ExitAt <= Now).ToList())
            {
                if (!ExitContainer(c, t, ct)) return;
                moved = true;
            }
            foreach (var ct in t.Containers.Where(x => x.LastStatus == "PENDING").ToList())
            {
                var (readiness, why) = ReadinessOf(t, ct);
                if (readiness == Readiness.Start)
                {
                    StartContainer(t, ct);
                    moved = true;
                }
                else if (readiness == Readiness.Never)
                {
                    ct.LastStatus = "STOPPED";
                    ct.Reason = why;
                    Touch(t);
                    moved = true;
                    if (ct.Essential)
                    {
                        BeginStop(c, t, "TaskFailedToStart", $"Essential container {ct.Name} could not start: {why}", failed: true);
                        return;
                    }
                }
            }
        }
        if (t.LastStatus != "RUNNING" && t.Containers.All(x => x.LastStatus is "RUNNING" or "STOPPED")) MarkRunning(c, t);
        ScheduleContainerExit(t);
    }

    private static (Readiness, string?) ReadinessOf(TaskRec t, ContainerRec ct)
    {
        foreach (var dep in ct.DependsOn)
        {
            if (t.Containers.FirstOrDefault(x => x.Name == dep.ContainerName) is not { } d) continue;
            var started = d.StartedAt is not null;
            var exited = d.LastStatus == "STOPPED";
            var (met, never) = dep.Condition switch
            {
                "COMPLETE" => (exited && started, exited && !started),
                "SUCCESS" => (exited && d.ExitCode == 0, exited && d.ExitCode != 0),
                "HEALTHY" => (d.HealthStatus == "HEALTHY", exited || d.HealthStatus == "UNHEALTHY"),
                _ => (started, exited && !started),
            };
            if (never) return (Readiness.Never, $"dependency {d.Name} did not reach condition {dep.Condition}");
            if (!met) return (Readiness.Wait, null);
        }
        return (Readiness.Start, null);
    }

    private void StartContainer(TaskRec t, ContainerRec ct)
    {
        var healthy = t.Workload.Healthy ?? true;
        ct.LastStatus = "RUNNING";
        ct.StartedAt = Now;
        if (ct.HasHealthCheck) ct.HealthStatus = healthy ? "HEALTHY" : "UNHEALTHY";
        if (ct.Workload) ct.ExitAt = PlannedExit(t, Now, null);
        WriteStartupLogs(t, ct);
        Touch(t);
    }

    /// <summary>When the workload container exits by itself, started at <paramref name="startedAt"/>.</summary>
    private DateTimeOffset? PlannedExit(TaskRec t, DateTimeOffset startedAt, DateTimeOffset? otherwise)
    {
        if (!(t.Workload.Healthy ?? true)) return Now + Timings.UnhealthyCrashAfter;
        if (t.Workload.RunForever == true) return null;
        if (t.Workload.RunFor is { } runFor) return startedAt + runFor;
        return otherwise ?? (t.ServiceName is null ? startedAt + Timings.DefaultStandaloneRunTime : null);
    }

    /// <summary>A container exits by itself; false when that stops the task.</summary>
    private bool ExitContainer(ClusterRec c, TaskRec t, ContainerRec ct)
    {
        var healthy = t.Workload.Healthy ?? true;
        if (!healthy && t.ServiceName is not null && t.Containers.Any(x => x.HasHealthCheck))
        {
            BeginStop(c, t, "ServiceSchedulerInitiated", "Task failed container health checks", failed: true);
            return false;
        }
        var code = t.Workload.ExitCode ?? 0;
        if (!healthy && code == 0) code = 1;
        ct.LastStatus = "STOPPED";
        ct.ExitCode = code;
        ct.ExitAt = null;
        Touch(t);
        if (!ct.Essential) return true;
        BeginStop(c, t, "EssentialContainerExited", "Essential container in task exited", failed: t.ServiceName is not null);
        return false;
    }

    private void ScheduleContainerExit(TaskRec t)
    {
        var next = t.Containers.Where(x => x.LastStatus == "RUNNING" && x.ExitAt is not null).Min(x => x.ExitAt);
        if (next is { } at) Schedule(t, at < Now ? Now : at);
    }
}
