using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>The App's task definition as the reconciler renders and finds it, for callers outside a reconcile (<c>ecsctl diff</c>).</summary>
public sealed partial class AppReconciler
{
    /// <summary>The task definition family of an App: <c>spec.taskDefinition.family</c>, else the App's name.</summary>
    public static string FamilyName(AppSpec spec, string name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.TaskDefinition.Str("family") ?? name;
    }

    /// <summary>The RegisterTaskDefinition body (tags left out) an App spec renders to.</summary>
    public static JsonObject TaskDefinitionRequest(AppSpec spec, string family)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = spec.TaskDefinition.DeepClone().AsObject();
        request["family"] = family;
        request.Remove("tags");
        // Sent in the model's types: task-level cpu/memory written as YAML numbers become the strings the API defines.
        return ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.RegisterTaskDefinition, request);
    }

    /// <summary>The rendered task definition of an App document.</summary>
    public static JsonObject TaskDefinitionRequest(ResourceDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var spec = doc.GetSpec<AppSpec>();
        return TaskDefinitionRequest(spec, FamilyName(spec, doc.Key.Name));
    }

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
    public static async Task<JsonObject?> LatestOwnedTaskDefinitionAsync(IEcsApi ecs, ResourceDocument doc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(doc);
        var family = FamilyName(doc.GetSpec<AppSpec>(), doc.Key.Name);
        var arns = (await ecs.ListTaskDefinitionsAsync(family, "ACTIVE", ct)).Where(a => FamilyOf(a) == family).Reverse();
        foreach (var arn in arns)
        {
            if (await ecs.DescribeTaskDefinitionAsync(arn, ct) is { } d && AppTags.Owner(AppTags.Read(d.Tags)) == doc.Key.Pk) return d.TaskDefinition;
        }
        return null;
    }
}
