using EcsOperator.Core.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>ECS's native blue/green strategy (deploymentConfiguration.strategy BLUE_GREEN): the new (green) deployment
/// starts its full desired count beside the old (blue) tasks, which keep running; once every green task is healthy
/// production traffic is taken to shift, the bake time (bakeTimeInMinutes) runs with both sets kept, and only then
/// are the blue tasks stopped and the deployment COMPLETED. A circuit-breaker failure during the rollout puts the blue
/// deployment back as primary and stops the green tasks. Load balancer traffic shifting and lifecycle hooks are not
/// modelled (a service with lifecycle hooks is refused).</summary>
internal sealed partial class SimWorld
{
    public static bool IsBlueGreen(ServiceRec s) => s.Spec.Obj("deploymentConfiguration").Str("strategy") == "BLUE_GREEN";

    private static TimeSpan BakeTime(ServiceRec s) =>
        TimeSpan.FromMinutes(s.Spec.Obj("deploymentConfiguration").Int("bakeTimeInMinutes") ?? 0);

    /// <summary>Whether the old deployments' tasks may be stopped now: never while the green deployment is rolling
    /// out and baking; always once it is no longer IN_PROGRESS (completed, failed or rolled back).</summary>
    private bool BlueMayRetire(ServiceRec s, DeploymentRec green, int greenHealthy, int desired)
    {
        if (green.RolloutState != "IN_PROGRESS") return true;
        if (greenHealthy < desired) return false;
        if (green.BakeUntil is null)
        {
            green.BakeUntil = Now + BakeTime(s);
            green.UpdatedAt = Now;
            AddEvent(s, $"(service {s.Name}) (deployment {green.Id}) production traffic shifted to the new service revision; bake time {BakeTime(s).TotalMinutes:0} minutes.");
        }
        if (green.BakeUntil <= Now) return true;
        Schedule(s, green.BakeUntil.Value);
        return false;
    }

    /// <summary>The circuit breaker failed the green deployment: the blue one (still running, never scaled down) is
    /// primary again and the green tasks are stopped by the next pass.</summary>
    private bool RollBackToBlue(ServiceRec s, DeploymentRec green)
    {
        var blue = s.Deployments.Find(d => !ReferenceEquals(d, green) && d.TaskDefinitionArn == s.LastCompletedTaskDefinition);
        if (blue is null) return false;
        s.Deployments.Remove(blue);
        s.Deployments.Insert(0, blue);
        blue.Status = "PRIMARY";
        blue.RolloutState = "COMPLETED";
        blue.UpdatedAt = Now;
        green.Status = "ACTIVE";
        s.TaskDefinitionArn = blue.TaskDefinitionArn;
        s.Spec["taskDefinition"] = blue.TaskDefinitionArn;
        AddEvent(s, $"(service {s.Name}) rolling back to deployment {blue.Id}.");
        MarkDirty(s);
        return true;
    }
}
