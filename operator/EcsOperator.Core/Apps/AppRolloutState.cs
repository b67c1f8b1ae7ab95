using System.Text.Json.Nodes;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>How an App's status says its rollout ended — one reading shared by ecsctl, local progress and the benchmark.</summary>
public static class AppRolloutState
{
    /// <summary>Progressing=True with this reason: the current revision is rolled out (Kubernetes' NewReplicaSetAvailable).</summary>
    public const string NewRevisionAvailable = nameof(NewRevisionAvailable);

    /// <summary>The rollout of the status's revision finished and the service is Available.</summary>
    public static bool IsRolledOut(AppStatus? status) =>
        status is not null
        && status.Conditions.IsTrue(ConditionTypes.Available)
        && status.Conditions.Find(ConditionTypes.Progressing)?.Reason == NewRevisionAvailable;

    /// <summary><see cref="IsRolledOut(AppStatus?)"/> for the manifest generation the caller read.</summary>
    public static bool IsRolledOut(AppStatus? status, long generation) => IsRolledOut(status) && status!.ObservedGeneration == generation;

    /// <summary><see cref="IsRolledOut(AppStatus?)"/> of a status as stored.</summary>
    public static bool IsRolledOut(JsonObject? status) => IsRolledOut(StatusJson.Read<AppStatus>(status));

    /// <summary><see cref="IsRolledOut(AppStatus?, long)"/> of a status as stored.</summary>
    public static bool IsRolledOut(JsonObject? status, long generation) => IsRolledOut(StatusJson.Read<AppStatus>(status), generation);
}
