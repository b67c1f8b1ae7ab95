using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>How an App's status says its rollout ended — one reading shared by ecsctl, local progress and the benchmark.</summary>
public static class AppRolloutState
{
    /// <summary>Progressing=True with this reason: the current revision is rolled out (Kubernetes' NewReplicaSetAvailable).</summary>
    public const string NewRevisionAvailable = nameof(NewRevisionAvailable);

    /// <summary>The rollout of the status's revision finished and the service is Available.</summary>
    public static bool IsRolledOut(JsonObject? status) =>
        status is not null
        && StatusConditions.IsTrue(status, ConditionTypes.Available)
        && StatusConditions.Get(status, ConditionTypes.Progressing).Str("reason") == NewRevisionAvailable;

    /// <summary><see cref="IsRolledOut"/> for the manifest generation the caller read.</summary>
    public static bool IsRolledOut(JsonObject? status, long generation) =>
        IsRolledOut(status) && status!.Long("observedGeneration") == generation;
}
