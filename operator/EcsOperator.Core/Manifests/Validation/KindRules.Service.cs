using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>The service settings ECS itself refuses, and the ones this operator does not drive, refused before any call.</summary>
internal static partial class KindRules
{
    /// <summary>Deployment controllers the operator drives: it rolls revisions out with UpdateService, which ECS refuses
    /// for CODE_DEPLOY ("Unable to update task definition on services with a CODE_DEPLOY deployment controller") and
    /// which an EXTERNAL controller leaves to task sets.</summary>
    private const string SupportedControllers =
        "the operator supports only the ECS deployment controller (rolling updates through UpdateService); " +
        "CODE_DEPLOY and EXTERNAL deployments are driven by CodeDeploy or task sets, which the operator does not manage";

    /// <summary>ROLLING and BLUE_GREEN are supported: the operator waits for ECS to report the deployment COMPLETED, which
    /// for BLUE_GREEN comes after the bake time. LINEAR and CANARY are not modelled by the local simulator, so they are
    /// refused rather than left untested; BLUE_GREEN needs bakeTimeInMinutes, which the ECS API reference requires.</summary>
    private static void CheckStrategy(JsonObject dc, JsonObject service, string path, ValidationContext ctx)
    {
        if (dc.Arr("lifecycleHooks") is { Count: > 0 })
            ctx.AtKey(dc, "lifecycleHooks", $"{path}.lifecycleHooks",
                "deployment lifecycle hooks are not supported: the operator cannot run or test them locally (remove lifecycleHooks)");
        if (dc.Str("strategy") is not { } strategy || strategy == "ROLLING") return;
        if (strategy != "BLUE_GREEN")
        {
            ctx.AtMember(dc, "strategy", $"{path}.strategy",
                $"deployment strategy '{strategy}' is not supported: the operator supports ECS's ROLLING (the default) and BLUE_GREEN strategies; LINEAR and CANARY are not");
            return;
        }
        if (IsDaemon(service))
            ctx.AtMember(dc, "strategy", $"{path}.strategy",
                "deployment strategy 'BLUE_GREEN' is not supported for a DAEMON service: the operator supports it for REPLICA services only");
        else if (!dc.ContainsKey("bakeTimeInMinutes"))
            ctx.AtMember(dc, "strategy", $"{path}.bakeTimeInMinutes",
                "ECS requires bakeTimeInMinutes with the BLUE_GREEN strategy (minutes both revisions keep running after traffic shifts; 0 for none)");
        else if (dc.Int("bakeTimeInMinutes") is < 0)
            ctx.AtMember(dc, "bakeTimeInMinutes", $"{path}.bakeTimeInMinutes", "bakeTimeInMinutes must be at least 0");
    }

    public static bool IsDaemon(JsonObject? service) =>
        string.Equals(service.Str("schedulingStrategy"), "DAEMON", StringComparison.OrdinalIgnoreCase);

    private static void CheckService(JsonObject spec, JsonObject service, string path, ValidationContext ctx)
    {
        if (service.Obj("deploymentController") is { } controller && controller.Str("type") is { } type && type != "ECS")
            ctx.AtMember(controller, "type", $"{path}.deploymentController.type", $"deployment controller '{type}' is not supported: {SupportedControllers}");
        if (service.Obj("deploymentConfiguration") is { } dc) CheckStrategy(dc, service, $"{path}.deploymentConfiguration", ctx);
        if (!IsDaemon(service)) return;
        if (spec.ContainsKey("replicas"))
            ctx.AtKey(spec, "replicas", "spec.replicas",
                "a DAEMON service runs one task on every container instance that fits; ECS takes no task count for it (remove spec.replicas)");
        if (service["placementStrategy"] is JsonArray { Count: > 0 })
            ctx.AtKey(service, "placementStrategy", $"{path}.placementStrategy", "ECS does not take placement strategies for a DAEMON service");
        if (string.Equals(service.Str("launchType"), "FARGATE", StringComparison.OrdinalIgnoreCase))
            ctx.AtMember(service, "launchType", $"{path}.launchType", "tasks on Fargate do not support the DAEMON scheduling strategy");
    }
}
