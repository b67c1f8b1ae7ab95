using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>What a new task is started with (from RunTask or a service deployment).</summary>
internal sealed record TaskLaunch(
    string LaunchType,
    string? StartedBy,
    string Group,
    JsonArray Tags,
    JsonObject Overrides,
    JsonObject? NetworkConfiguration,
    string? ServiceName = null,
    string? DeploymentId = null,
    string? CapacityProviderName = null,
    string? PlatformVersion = null,
    JsonArray? ServiceTags = null);

/// <summary>Task lifecycle: PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED.
/// The ENI steps (PROVISIONING, ACTIVATING, DEACTIVATING, DEPROVISIONING) happen only for awsvpc tasks, as in ECS.</summary>
internal sealed partial class SimWorld
{
    public TaskRec StartTask(ClusterRec c, TaskDefRec td, TaskLaunch launch, InstanceRec? instance, string? availabilityZone)
    {
        var id = NewId();
        var t = new TaskRec
        {
            Id = id,
            Arn = Arns.Task(c.Name, id),
            Cluster = c.Name,
            TaskDefinitionArn = td.Arn,
            Family = td.Family,
            InstanceId = instance?.Id,
            LaunchType = launch.LaunchType,
            CapacityProviderName = launch.CapacityProviderName,
            PlatformVersion = launch.LaunchType == "FARGATE" ? launch.PlatformVersion ?? "1.4.0" : null,
            StartedBy = launch.StartedBy,
            Group = launch.Group,
            ServiceName = launch.ServiceName,
            DeploymentId = launch.DeploymentId,
            Tags = (JsonArray)launch.Tags.DeepClone(),
            Overrides = launch.Overrides.CloneObject() ?? [],
            NetworkConfiguration = launch.NetworkConfiguration.CloneObject(),
            Awsvpc = td.Awsvpc || launch.LaunchType == "FARGATE",
            Cpu = TaskCpu(td, launch.Overrides),
            Memory = TaskMemory(td, launch.Overrides),
            HostPorts = [.. td.HostPorts],
            AvailabilityZone = instance?.AvailabilityZone ?? availabilityZone ?? Options.Region + "a",
            CreatedAt = Now,
            LastStatus = "PROVISIONING",
        };
        t.PrivateIp = $"10.0.{Random.Next(0, 255)}.{Random.Next(1, 255)}";
        t.Containers = BuildContainers(td, t);
        t.Workload = ResolveWorkload(t, td, launch.ServiceTags);
        c.Tasks[id] = t;
        IndexTask(c, t);
        if (instance is not null) Reserve(instance, t);
        if (t.Awsvpc) Schedule(t, Now + Timings.Provisioning);
        else
        {
            t.LastStatus = "PENDING";
            t.PullStartedAt = Now;
            Schedule(t, Now + Timings.Pending);
        }
        Changed();
        return t;
    }

    private WorkloadBehavior ResolveWorkload(TaskRec t, TaskDefRec td, JsonArray? serviceTags)
    {
        if (!State.FamilyWorkloads.TryGetValue(td.Family + ":" + td.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), out var family))
            State.FamilyWorkloads.TryGetValue(t.Family, out family);
        var fromTags = WorkloadBehavior.FromTags(t.Tags);
        var fromService = WorkloadBehavior.FromTags(serviceTags);
        var merged = (family ?? new WorkloadBehavior()).Over(fromTags).Over(fromService);
        return merged;
    }

    private List<ContainerRec> BuildContainers(TaskDefRec td, TaskRec t)
    {
        var list = new List<ContainerRec>();
        var overrides = t.Overrides.Arr("containerOverrides").Objects().ToDictionary(o => o.Str("name") ?? "", StringComparer.Ordinal);
        foreach (var def in td.Body.Arr("containerDefinitions").Objects())
        {
            var name = def.Str("name") ?? "";
            overrides.TryGetValue(name, out var ov);
            var runtime = NewId() + "-" + Random.Next(100000000, 999999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var c = new ContainerRec
            {
                Name = name,
                Image = def.Str("image") ?? "",
                RuntimeId = runtime,
                Essential = def.Bool("essential") ?? true,
                HasHealthCheck = def.Obj("healthCheck") is not null,
                Cpu = (ov.Int("cpu") ?? def.Int("cpu") ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Memory = ov.Int("memory") ?? def.Int("memory"),
                MemoryReservation = ov.Int("memoryReservation") ?? def.Int("memoryReservation"),
                DependsOn = DependenciesOf(def),
            };
            (c.LogGroup, c.LogStream) = LogTarget(def, td, name, t.Id, runtime);
            foreach (var pm in def.Arr("portMappings").Objects())
            {
                var cp = pm.Int("containerPort");
                var hp = pm.Int("hostPort") ?? (t.Awsvpc ? cp : null);
                if (cp is null) continue;
                c.NetworkBindings.Add(new JsonObject
                {
                    ["bindIP"] = "0.0.0.0",
                    ["containerPort"] = cp,
                    ["hostPort"] = hp is null or 0 ? 32768 + Random.Next(0, 28000) : hp,
                    ["protocol"] = pm.Str("protocol") ?? "tcp",
                });
            }
            list.Add(c);
        }
        MarkWorkloadContainer(list, t.Tags, t.Overrides);
        return list;
    }

    private static (string Group, string Stream) LogTarget(JsonObject def, TaskDefRec td, string container, string taskId, string runtimeId)
    {
        var lc = def.Obj("logConfiguration");
        if (lc.Str("logDriver") == "awslogs" && lc.Obj("options") is { } o && o.Str("awslogs-group") is { Length: > 0 } group)
        {
            var prefix = o.Str("awslogs-stream-prefix");
            return (group, string.IsNullOrEmpty(prefix) ? runtimeId : $"{prefix}/{container}/{taskId}");
        }
        return ("/ecs/" + td.Family, $"ecs/{container}/{taskId}");
    }

    private static int TaskCpu(TaskDefRec td, JsonObject overrides) =>
        TaskDefinitionRules.ParseCpu(overrides.Str("cpu")) ?? td.Cpu;

    private static int TaskMemory(TaskDefRec td, JsonObject overrides) =>
        TaskDefinitionRules.ParseMemory(overrides.Str("memory")) ?? td.Memory;

    private void StepTask(ClusterRec c, TaskRec t)
    {
        switch (t.LastStatus)
        {
            case "PROVISIONING":
                t.LastStatus = "PENDING";
                t.PullStartedAt = Now;
                Touch(t);
                Schedule(t, Now + Timings.Pending);
                break;
            case "PENDING" when t.ContainersStarted:
                ProgressContainers(c, t);
                break;
            case "PENDING":
                t.PullStoppedAt = Now;
                if (t.Workload.StartFailure is { } reason)
                {
                    foreach (var ct in t.Containers) { ct.LastStatus = "STOPPED"; ct.Reason = reason; }
                    BeginStop(c, t, "TaskFailedToStart", reason, failed: true);
                    break;
                }
                if (t.Awsvpc)
                {
                    t.LastStatus = "ACTIVATING";
                    Touch(t);
                    Schedule(t, Now + Timings.Activating);
                }
                else StartContainers(c, t);
                break;
            case "ACTIVATING":
                StartContainers(c, t);
                break;
            case "RUNNING":
                if (t.DesiredStatus == "RUNNING") ProgressContainers(c, t);
                break;
            case "DEACTIVATING":
                t.LastStatus = "STOPPING";
                Touch(t);
                Schedule(t, Now + Timings.Stopping);
                break;
            case "STOPPING":
                if (t.Awsvpc)
                {
                    t.LastStatus = "DEPROVISIONING";
                    FinishContainers(t);
                    Touch(t);
                    Schedule(t, Now + Timings.Deprovisioning);
                }
                else MarkStopped(c, t);
                break;
            case "DEPROVISIONING":
                MarkStopped(c, t);
                break;
            case "STOPPED":
                PurgeTask(c, t);
                break;
        }
    }

    /// <summary>Every container is running or has exited: the task is RUNNING.</summary>
    private void MarkRunning(ClusterRec c, TaskRec t)
    {
        t.LastStatus = "RUNNING";
        t.StartedAt = Now;
        t.ConnectivityAt ??= Now;
        var healthy = t.Workload.Healthy ?? true;
        t.HealthStatus = t.Containers.Any(x => x.HasHealthCheck) ? (healthy ? "HEALTHY" : "UNHEALTHY") : "UNKNOWN";
        if (healthy) t.EverHealthy = true;
        Touch(t);
        if (t.ServiceName is { } sn && c.Services.TryGetValue(sn, out var svc))
        {
            if (healthy) OnServiceTaskHealthy(svc, t);
            MarkDirty(svc);
        }
    }

    /// <summary>Moves a task toward STOPPED (no-op when already on its way).</summary>
    public void BeginStop(ClusterRec c, TaskRec t, string stopCode, string reason, bool failed)
    {
        if (t.DesiredStatus == "STOPPED") return;
        t.DesiredStatus = "STOPPED";
        t.StopCode = stopCode;
        t.StoppedReason = reason;
        t.StoppingAt = Now;
        foreach (var ct in t.Containers) ct.ExitAt = null;
        t.Failed = failed;
        var wasActive = t.LastStatus is "RUNNING" or "ACTIVATING";
        if (t.Awsvpc && wasActive)
        {
            t.LastStatus = "DEACTIVATING";
            Schedule(t, Now + Timings.Deactivating);
        }
        else
        {
            t.LastStatus = "STOPPING";
            Schedule(t, Now + Timings.Stopping);
        }
        Touch(t);
        if (t.ServiceName is { } sn && c.Services.TryGetValue(sn, out var svc))
        {
            svc.LiveTasks.Remove(t);
            if (failed) OnServiceTaskFailed(svc, t);
            MarkDirty(svc);
        }
    }

    private static void FinishContainers(TaskRec t)
    {
        foreach (var ct in t.Containers)
        {
            if (ct.LastStatus == "RUNNING") ct.ExitCode ??= 143;
            ct.LastStatus = "STOPPED";
        }
    }

    private void MarkStopped(ClusterRec c, TaskRec t)
    {
        FinishContainers(t);
        t.LastStatus = "STOPPED";
        t.ExecutionStoppedAt ??= Now;
        t.StoppedAt = Now;
        Touch(t);
        if (t.InstanceId is { } iid && c.Instances.TryGetValue(iid, out var inst))
        {
            Release(inst, t);
            WakeStarved(c);
        }
        if (t.ServiceName is { } sn && c.Services.TryGetValue(sn, out var svc) && svc.UnstoppedTasks.Remove(t) && svc.Status == "DRAINING")
            MarkDirty(svc);
        Schedule(t, Now + Timings.StoppedTaskRetention);
    }

    private void PurgeTask(ClusterRec c, TaskRec t)
    {
        c.Tasks.Remove(t.Id);
        UnindexTask(c, t);
    }

    private static void Touch(TaskRec t) => t.Version++;

    /// <summary>Services that could not place tasks get another try now that capacity changed.</summary>
    public void WakeStarved(ClusterRec c)
    {
        if (c.Starved.Count == 0) return;
        foreach (var s in c.Starved) MarkDirty(s);
        c.Starved.Clear();
    }

    /// <summary>Applies a test's workload to a live task (re-plans its workload container's exit when it runs).</summary>
    public void SetTaskWorkload(ClusterRec c, TaskRec t, WorkloadBehavior behavior)
    {
        t.Workload = behavior.Over(t.Workload);
        if (t.DesiredStatus == "RUNNING" && t.Containers.FirstOrDefault(x => x.Workload) is { LastStatus: "RUNNING" } w)
        {
            w.ExitAt = PlannedExit(t, w.StartedAt ?? Now, w.ExitAt);
            ScheduleContainerExit(t);
        }
        Changed();
    }
}
