using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Diff;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Apps;

/// <summary>The task definition an App asks for: the request body, its tags, and its normalised form.
/// <paramref name="Compared"/> is the normalised form without the ignored paths, what a live revision must equal.</summary>
internal sealed record DesiredTaskDefinition(JsonObject Request, Dictionary<string, string> Tags, string Normalized, string SpecHash,
    string Compared, IReadOnlyList<IReadOnlyList<string>> Ignored);

/// <summary>Renders an App's task definition from its spec: for the reconciler, and for <c>ecsctl diff</c> and
/// manifest checks, which must render it exactly as the reconciler does.</summary>
public static class TaskDefinitionRenderer
{
    /// <summary>The task definition family of an App: <c>spec.taskDefinition.family</c>, else the App's name.</summary>
    public static string FamilyName(AppSpec spec, string name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.TaskDefinition.Str("family") ?? name;
    }

    /// <summary>The RegisterTaskDefinition body (tags left out) an App spec renders to.</summary>
    public static JsonObject Request(AppSpec spec, string family)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = spec.TaskDefinition.DeepClone().AsObject();
        request["family"] = family;
        request.Remove("tags");
        // Sent in the model's types: task-level cpu/memory written as YAML numbers become the strings the API defines.
        return ApiRequestConformer.Conform(AwsApiModel.Ecs, EcsAction.RegisterTaskDefinition, request);
    }

    /// <summary>The rendered task definition of an App document.</summary>
    public static JsonObject Request(ResourceDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var spec = doc.GetSpec<AppSpec>();
        return Request(spec, FamilyName(spec, doc.Key.Name));
    }

    /// <summary>What the App of one reconcile asks for, tagged with its owner, generation and simulator annotations.</summary>
    internal static DesiredTaskDefinition Render(AppContext app)
    {
        var tags = AppTags.Read(app.Spec.TaskDefinition["tags"] as JsonArray);
        var request = Request(app.Spec, app.Family);
        foreach (var (k, v) in AppTags.Ownership(app.Key)) tags[k] = v;
        tags[OperatorTags.Generation] = app.Generation.ToString(CultureInfo.InvariantCulture);
        foreach (var (k, v) in app.SimulatorAnnotations) tags[k] = v;
        var normalized = TaskDefinitionNormalizer.Normalize(request).ToJsonString();
        var withSim = normalized + string.Join(";", app.SimulatorAnnotations.Select(p => p.Key + "=" + p.Value));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withSim)))[..16];
        // A revision registered for any reason carries what the spec says, ignored paths included; they are only left
        // out of the comparison, so a change to them alone registers no revision.
        var ignored = IgnoreRules.Under(app.Ignored, "taskDefinition");
        return new DesiredTaskDefinition(request, tags, normalized, hash, Compared(normalized, ignored), ignored);
    }

    /// <summary>A normalised definition without the <paramref name="ignored"/> paths.</summary>
    internal static string Compared(string normalized, IReadOnlyList<IReadOnlyList<string>> ignored) =>
        ignored.Count == 0 ? normalized : DefinitionDiff.Compared(JsonNode.Parse(normalized)!.AsObject(), ignored).ToJsonString();
}
