using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>The service scheduler: rolling deployments within minimumHealthyPercent/maximumPercent (blue/green in
/// SimWorld.BlueGreen.cs), the deployment circuit breaker (threshold min(max(ceil(0.5 × desired), 3), 200)), steady-state events, draining.</summary>
internal sealed partial class SimWorld
{
    private const int MaxEvents = 100;
    private readonly List<PlacementMiss> _misses = [];

    public DeploymentRec NewDeployment(ServiceRec s, string taskDefinitionArn)
    {
        var id = "ecs-svc/" + Random.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        var spec = new JsonObject();
        foreach (var key in new[] { "launchType", "capacityProviderStrategy", "platformVersion", "networkConfiguration", "placementConstraints", "placementStrategy" })
        {
            if (s.Spec[key] is { } v) spec[key] = v.DeepClone();
        }
        var d = new DeploymentRec
        {
            Id = id, Status = "PRIMARY", TaskDefinitionArn = taskDefinitionArn, DesiredCount = s.DesiredCount,
            CreatedAt = Now, UpdatedAt = Now, RolloutState = "IN_PROGRESS", RolloutStateReason = $"ECS deployment {id} in progress.", Spec = spec,
        };
        foreach (var old in s.Deployments)
        {
            if (old.Status == "PRIMARY") { old.Status = "ACTIVE"; old.UpdatedAt = Now; }
        }
        s.Deployments.Insert(0, d);
        s.ConsecutiveFailures = 0;
        s.NextLaunchAt = null;
        s.Steady = false;
        MarkDirty(s);
        Changed();
        return d;
    }

    public void AddEvent(ServiceRec s, string message)
    {
        if (s.Events.Count > 0 && s.Events[0].Message == message) return;
        s.Events.Insert(0, new ServiceEventRec { Id = Guid.NewGuid().ToString(), CreatedAt = Now, Message = message });
        if (s.Events.Count > MaxEvents) s.Events.RemoveRange(MaxEvents, s.Events.Count - MaxEvents);
    }

    private void ReconcileService(ClusterRec c, ServiceRec s)
    {
        if (s.Status == "INACTIVE" || s.Primary is not { } primary) return;
        if (IsDaemon(s))
        {
            ReconcileDaemon(c, s, primary);
            return;
        }
        var desired = s.Status == "DRAINING" ? 0 : s.DesiredCount;
        primary.DesiredCount = desired;
        var cfg = s.Spec.Obj("deploymentConfiguration");
        var maxPct = cfg.Int("maximumPercent") ?? 200;
        var minPct = cfg.Int("minimumHealthyPercent") ?? 100;
        var minHealthy = (int)Math.Ceiling(desired * minPct / 100.0);
        var maxTotal = (int)Math.Floor(desired * maxPct / 100.0);
        var stopped = new List<TaskRec>();
        var stopReason = $"Scaling activity initiated by (deployment {primary.Id})";

        var current = new List<TaskRec>();
        var others = new List<TaskRec>();
        foreach (var t in s.LiveTasks)
        {
            if (t.DeploymentId == primary.Id && !OnDrainingInstance(c, t)) current.Add(t);
            else others.Add(t);
        }

        // Scale in the primary deployment beyond its desired count: not-yet-running tasks first, then the newest.
        if (current.Count > desired)
        {
            foreach (var t in current.OrderBy(t => t.LastStatus == "RUNNING" ? 1 : 0).ThenByDescending(t => t.CreatedAt).Take(current.Count - desired).ToList())
            {
                current.Remove(t);
                stopped.Add(t);
            }
        }
        // Old tasks that are not (or never became) healthy do not count toward health: stop them right away.
        foreach (var t in others.Where(t => !IsHealthy(t)).ToList())
        {
            others.Remove(t);
            stopped.Add(t);
        }
        var currentRunning = current.Count(IsHealthy);
        var healthy = currentRunning + others.Count;
        var blueGreen = IsBlueGreen(s);
        var budget = blueGreen ? (others.Count > 0 && BlueMayRetire(s, primary, currentRunning, desired) ? others.Count : 0)
            : currentRunning >= desired ? others.Count : Math.Max(0, healthy - minHealthy);
        foreach (var t in others.OrderBy(t => DeploymentRank(s, t)).ThenBy(t => t.CreatedAt).Take(budget).ToList())
        {
            others.Remove(t);
            stopped.Add(t);
        }
        foreach (var t in stopped) BeginStop(c, t, "ServiceSchedulerInitiated", stopReason, failed: false);
        if (stopped.Count > 0)
            AddEvent(s, $"(service {s.Name}) has stopped {stopped.Count} running tasks: {string.Join(" ", stopped.Select(t => $"(task {t.Id})"))}.");

        // Blue/green starts the whole green set at once beside the blue tasks; maximumPercent bounds rolling updates only.
        LaunchForService(c, s, primary, desired - current.Count, blueGreen ? desired - current.Count : maxTotal - (current.Count + others.Count));
        UpdateRollout(c, s, primary, desired);
        Changed();
    }

    /// <summary>RUNNING and not a workload that is about to crash: what counts toward minimumHealthyPercent and completion.</summary>
    private static bool IsHealthy(TaskRec t) => t.LastStatus == "RUNNING" && (t.Workload.Healthy ?? true);

    private static int DeploymentRank(ServiceRec s, TaskRec t)
    {
        var i = s.Deployments.FindIndex(d => d.Id == t.DeploymentId);
        return i < 0 ? int.MinValue : -i;
    }

    private static bool OnDrainingInstance(ClusterRec c, TaskRec t) =>
        t.InstanceId is { } id && c.Instances.TryGetValue(id, out var i) && i.Status != "ACTIVE";

    private void LaunchForService(ClusterRec c, ServiceRec s, DeploymentRec primary, int need, int room)
    {
        var count = Math.Min(need, room);
        if (count <= 0 || s.Status != "ACTIVE") return;
        if (primary.RolloutState == "FAILED" && CircuitBreaker(s).Enable) return;
        if (s.NextLaunchAt is { } notBefore && notBefore > Now)
        {
            Schedule(s, notBefore);
            return;
        }
        if (FindTaskDef(primary.TaskDefinitionArn) is not { } td) return;
        var launchType = LaunchTypeOf(primary.Spec, td);
        var started = new List<TaskRec>();
        var launch = new TaskLaunch(
            launchType, primary.Id, "service:" + s.Name, ServiceTaskTags(c, s, td), [],
            primary.Spec.Obj("networkConfiguration"), s.Name, primary.Id,
            primary.Spec.Arr("capacityProviderStrategy").Objects().FirstOrDefault().Str("capacityProvider"),
            primary.Spec.Str("platformVersion"), s.Tags);
        string? failure = null;
        for (var n = 0; n < count; n++)
        {
            InstanceRec? instance = null;
            if (launchType != "FARGATE")
            {
                var req = new PlacementRequest(td.Cpu, td.Memory, td.HostPorts, launch.Group,
                    Constraints(primary.Spec.Arr("placementConstraints"), td), primary.Spec.Arr("placementStrategy"), td, launchType);
                instance = Place(c, req, _misses);
                if (instance is null)
                {
                    failure = PlacementFailureText(_misses);
                    break;
                }
            }
            var t = StartTask(c, td, launch, instance, instance is null ? NextFargateZone() : null);
            s.LiveTasks.Add(t);
            s.UnstoppedTasks.Add(t);
            started.Add(t);
        }
        if (started.Count > 0)
            AddEvent(s, $"(service {s.Name}) has started {started.Count} tasks: {string.Join(" ", started.Select(t => $"(task {t.Id})"))}.");
        if (failure is not null)
        {
            AddEvent(s, $"(service {s.Name}) was unable to place a task because no container instance met all of its requirements. {failure} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
            c.Starved.Add(s);
            Schedule(s, Now + Timings.PlacementRetry);
        }
    }

    private JsonArray ServiceTaskTags(ClusterRec c, ServiceRec s, TaskDefRec td)
    {
        var tags = s.Spec.Str("propagateTags") switch
        {
            "SERVICE" => (JsonArray)s.Tags.DeepClone(),
            "TASK_DEFINITION" => (JsonArray)td.Tags.DeepClone(),
            _ => new JsonArray(),
        };
        if (s.Spec.Bool("enableECSManagedTags") == true)
        {
            tags.Add(new JsonObject { ["key"] = "aws:ecs:serviceName", ["value"] = s.Name });
            tags.Add(new JsonObject { ["key"] = "aws:ecs:clusterName", ["value"] = c.Name });
        }
        return tags;
    }

    private void UpdateRollout(ClusterRec c, ServiceRec s, DeploymentRec primary, int desired)
    {
        var running = 0;
        var pending = 0;
        var otherLive = 0;
        foreach (var t in s.LiveTasks)
        {
            if (t.DeploymentId != primary.Id || OnDrainingInstance(c, t)) otherLive++;
            else if (IsHealthy(t)) running++;
            else pending++;
        }
        var done = running == desired && pending == 0 && otherLive == 0;
        if (done && primary.RolloutState == "IN_PROGRESS")
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = Now;
            s.LastCompletedTaskDefinition = primary.TaskDefinitionArn;
            s.ConsecutiveFailures = 0;
            AddEvent(s, $"(service {s.Name}) (deployment {primary.Id}) deployment completed.");
        }
        if (done && s.Deployments.Count > 1 && primary.RolloutState != "IN_PROGRESS")
            s.Deployments.RemoveRange(1, s.Deployments.Count - 1);
        if (done && !s.Steady && s.Status == "ACTIVE") AddEvent(s, $"(service {s.Name}) has reached a steady state.");
        s.Steady = done;
        if (s.Status == "DRAINING" && s.LiveTasks.Count == 0 && s.UnstoppedTasks.Count == 0)
        {
            s.Status = "INACTIVE";
            s.InactiveAt = Now;
            c.ListedServiceArns.Remove(s.Arn);
            Schedule(s, Now + Timings.InactiveServiceRetention);
        }
    }

    public static (bool Enable, bool Rollback) CircuitBreaker(ServiceRec s)
    {
        var cb = s.Spec.Obj("deploymentConfiguration").Obj("deploymentCircuitBreaker");
        return (cb.Bool("enable") ?? false, cb.Bool("rollback") ?? false);
    }

    public static int CircuitBreakerThreshold(int desired) => Math.Min(Math.Max((int)Math.Ceiling(0.5 * desired), 3), 200);

    private void OnServiceTaskFailed(ServiceRec s, TaskRec t)
    {
        var d = s.Deployments.Find(x => x.Id == t.DeploymentId);
        if (d is null) return;
        d.FailedTasks++;
        d.UpdatedAt = Now;
        s.ConsecutiveFailures++;
        if (s.ConsecutiveFailures >= 3)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(10 * Math.Pow(2, Math.Min(s.ConsecutiveFailures - 3, 10)), 900));
            s.NextLaunchAt = Now + backoff;
        }
        if (!ReferenceEquals(d, s.Primary) || d.RolloutState != "IN_PROGRESS") return;
        d.CircuitBreakerFailures++;
        var (enable, rollback) = CircuitBreaker(s);
        if (!enable || d.CircuitBreakerFailures < CircuitBreakerThreshold(d.DesiredCount)) return;
        d.RolloutState = "FAILED";
        d.RolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        AddEvent(s, $"(service {s.Name}) (deployment {d.Id}) deployment failed: tasks failed to start.");
        if (rollback && s.LastCompletedTaskDefinition is { } previous && previous != d.TaskDefinitionArn
            && !(IsBlueGreen(s) && RollBackToBlue(s, d)))
        {
            var back = NewDeployment(s, previous);
            s.TaskDefinitionArn = previous;
            s.Spec["taskDefinition"] = previous;
            AddEvent(s, $"(service {s.Name}) rolling back to deployment {back.Id}.");
        }
    }

    private static void OnServiceTaskHealthy(ServiceRec s, TaskRec t)
    {
        var p = s.Primary;
        if (p is null || p.Id != t.DeploymentId) return;
        var reset = s.Spec.Obj("deploymentConfiguration").Obj("deploymentCircuitBreaker").Bool("resetOnHealthyTask") ?? true;
        if (reset) p.CircuitBreakerFailures = 0;
        s.ConsecutiveFailures = 0;
        s.NextLaunchAt = null;
    }

    private void PurgeService(ClusterRec c, ServiceRec s)
    {
        c.Services.Remove(s.Name);
        c.Starved.Remove(s);
        c.ListedServiceArns.Remove(s.Arn);
    }

    public static string LaunchTypeOf(JsonObject spec, TaskDefRec td)
    {
        if (spec.Str("launchType") is { Length: > 0 } lt) return lt;
        var cp = spec.Arr("capacityProviderStrategy").Objects().FirstOrDefault().Str("capacityProvider");
        if (cp is "FARGATE" or "FARGATE_SPOT") return "FARGATE";
        return "EC2";
    }
}
