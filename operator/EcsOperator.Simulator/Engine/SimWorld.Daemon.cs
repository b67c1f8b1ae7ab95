using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>
/// The DAEMON scheduler: one task on every ACTIVE container instance that qualifies (launch type, runtime platform, GPUs,
/// memberOf constraints); the service's desired count is the number of such instances. Tasks on instances that drain,
/// leave or stop qualifying are stopped. A new revision replaces tasks instance by instance within minimumHealthyPercent
/// (ECS's daemon default 0) and maximumPercent (default 100): by default an old task stops before its instance starts
/// the new one.
/// </summary>
internal sealed partial class SimWorld
{
    public static bool IsDaemon(ServiceRec s) => s.Spec.Str("schedulingStrategy") == "DAEMON";

    /// <summary>Instances came, went or changed state: every daemon service of the cluster looks again.</summary>
    private void WakeDaemons(ClusterRec c)
    {
        foreach (var s in c.Services.Values)
        {
            if (IsDaemon(s) && s.Status == "ACTIVE") MarkDirty(s);
        }
    }

    private void ReconcileDaemon(ClusterRec c, ServiceRec s, DeploymentRec primary)
    {
        if (FindTaskDef(primary.TaskDefinitionArn) is not { } td) return;
        var group = "service:" + s.Name;
        var launchType = LaunchTypeOf(primary.Spec, td);
        var req = new PlacementRequest(td.Cpu, td.Memory, td.HostPorts, group, Constraints(primary.Spec.Arr("placementConstraints"), td), null, td, launchType);
        var eligible = s.Status != "ACTIVE" ? [] : c.Instances.Values.Where(i => i.Status == "ACTIVE" && Unqualified(i, req) is null).ToList();
        var eligibleIds = eligible.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var desired = eligible.Count;
        s.DesiredCount = desired;
        primary.DesiredCount = desired;
        var cfg = s.Spec.Obj("deploymentConfiguration");
        var minHealthy = (int)Math.Ceiling(desired * (cfg.Int("minimumHealthyPercent") ?? 0) / 100.0);
        var maxTotal = (int)Math.Floor(desired * (cfg.Int("maximumPercent") ?? 100) / 100.0);

        var stopped = new List<TaskRec>();
        var current = new Dictionary<string, TaskRec>(StringComparer.Ordinal);
        var old = new List<TaskRec>();
        foreach (var t in s.LiveTasks.OrderBy(t => t.CreatedAt))
        {
            if (t.InstanceId is not { } id || !eligibleIds.Contains(id)) stopped.Add(t);
            else if (t.DeploymentId == primary.Id && current.TryAdd(id, t)) continue;
            else if (t.DeploymentId == primary.Id || !IsHealthy(t)) stopped.Add(t);
            else old.Add(t);
        }
        var healthy = current.Values.Count(IsHealthy) + old.Count;
        // Old tasks go first where their instance has no new task yet, as many as minimumHealthyPercent allows.
        foreach (var t in old.OrderBy(t => current.ContainsKey(t.InstanceId!) ? 0 : 1).Take(Math.Max(0, healthy - minHealthy)).ToList())
        {
            old.Remove(t);
            stopped.Add(t);
        }
        foreach (var t in stopped) BeginStop(c, t, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {primary.Id})", failed: false);
        if (stopped.Count > 0)
            AddEvent(s, $"(service {s.Name}) has stopped {stopped.Count} running tasks: {string.Join(" ", stopped.Select(t => $"(task {t.Id})"))}.");

        var live = current.Count + old.Count;
        var oldOn = old.Select(t => t.InstanceId!).ToHashSet(StringComparer.Ordinal);
        var missing = eligible.Where(i => !current.ContainsKey(i.Id)).OrderBy(i => oldOn.Contains(i.Id) ? 1 : 0).ThenBy(i => i.Arn, StringComparer.Ordinal);
        if (s.Status == "ACTIVE" && !(primary.RolloutState == "FAILED" && CircuitBreaker(s).Enable) && !(s.NextLaunchAt > Now))
        {
            var launch = new TaskLaunch(launchType, primary.Id, group, ServiceTaskTags(c, s, td), [], primary.Spec.Obj("networkConfiguration"),
                s.Name, primary.Id, null, primary.Spec.Str("platformVersion"), s.Tags);
            var started = new List<TaskRec>();
            PlacementMiss? miss = null;
            foreach (var i in missing)
            {
                // With a task of the old revision still on the instance, a new one starts beside it only within maximumPercent.
                if (oldOn.Contains(i.Id) && live >= maxTotal) continue;
                if (Check(i, req) is { } why)
                {
                    miss ??= new PlacementMiss(i, why);
                    continue;
                }
                var t = StartTask(c, td, launch, i, null);
                s.LiveTasks.Add(t);
                s.UnstoppedTasks.Add(t);
                started.Add(t);
                live++;
            }
            if (started.Count > 0)
                AddEvent(s, $"(service {s.Name}) has started {started.Count} tasks: {string.Join(" ", started.Select(t => $"(task {t.Id})"))}.");
            if (miss is not null)
            {
                AddEvent(s, $"(service {s.Name}) was unable to place a task because no container instance met all of its requirements. {PlacementFailureText([miss])} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
                c.Starved.Add(s);
                Schedule(s, Now + Timings.PlacementRetry);
            }
        }
        else if (s.NextLaunchAt is { } notBefore && notBefore > Now)
        {
            Schedule(s, notBefore);
        }
        UpdateRollout(c, s, primary, desired);
        Changed();
    }
}
