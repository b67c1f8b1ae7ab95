using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>Reads an App's registered task-definition revisions back from ECS, for callers outside a reconcile
/// (<c>ecsctl diff</c>, <c>ecsctl rollout undo</c>).</summary>
public static class AppRevisionReader
{
    /// <summary>
    /// An App's <c>spec.taskDefinition</c> as it was for a registered revision, read back from ECS: the described
    /// definition without the members ECS adds on describe, and without <c>family</c> unless the current spec names one
    /// (the operator owns the family). Null when ECS no longer has the revision.
    /// </summary>
    public static async Task<JsonObject?> SpecOfRevisionAsync(IEcsApi ecs, string taskDefinitionArn, JsonObject? currentSpec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        if (await ecs.DescribeTaskDefinitionAsync(taskDefinitionArn, ct) is not { } described) return null;
        var td = new JsonObject();
        foreach (var (name, value) in described.TaskDefinition)
        {
            if (!Diff.TaskDefinitionNormalizer.IsDescribeOnly(name)) td[name] = value?.DeepClone();
        }
        if (currentSpec?["family"] is null) td.Remove("family");
        return td;
    }

    /// <summary>The newest ACTIVE revision of the App's family that the App owns (its owner tag), or null when there is none.</summary>
    public static async Task<JsonObject?> LatestOwnedAsync(IEcsApi ecs, ResourceDocument doc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(doc);
        var family = TaskDefinitionRenderer.FamilyName(doc.GetSpec<AppSpec>(), doc.Key.Name);
        var arns = (await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct)).Where(a => TaskDefinitionArn.FamilyOf(a) == family).Reverse();
        foreach (var arn in arns)
        {
            if (await ecs.DescribeTaskDefinitionAsync(arn, ct) is { } d && AppTags.Owner(AppTags.Read(d.Tags)) == doc.Key.Pk) return d.TaskDefinition;
        }
        return null;
    }
}
