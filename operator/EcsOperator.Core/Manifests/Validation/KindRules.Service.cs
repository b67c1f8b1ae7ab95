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

    public static bool IsDaemon(JsonObject? service) =>
        string.Equals(service.Str("schedulingStrategy"), "DAEMON", StringComparison.OrdinalIgnoreCase);

    private static void CheckService(JsonObject spec, JsonObject service, string path, ValidationContext ctx)
    {
        if (service.Obj("deploymentController") is { } controller && controller.Str("type") is { } type && type != "ECS")
            ctx.AtMember(controller, "type", $"{path}.deploymentController.type", $"deployment controller '{type}' is not supported: {SupportedControllers}");
        if (service.Obj("deploymentConfiguration") is { } dc && dc.Str("strategy") is { } strategy && strategy != "ROLLING")
            ctx.AtMember(dc, "strategy", $"{path}.deploymentConfiguration.strategy",
                $"deployment strategy '{strategy}' is not supported: the operator rolls out with ECS's ROLLING strategy only (omit strategy or set ROLLING)");
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
