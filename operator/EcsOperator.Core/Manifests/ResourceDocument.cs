using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests;

/// <summary>
/// One valid document. <see cref="Root"/> is the document as written (pass-through objects untouched), with
/// <c>status</c> removed and <c>metadata.namespace</c> filled in. Treat it as read-only.
/// </summary>
/// <param name="Key">Kind, namespace and name.</param>
/// <param name="Root">The whole document.</param>
/// <param name="File">What errors about it name.</param>
/// <param name="Line">Line where the document starts.</param>
public sealed record ResourceDocument(ResourceKey Key, JsonObject Root, string File, int Line)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public string ApiVersion => Root.Str("apiVersion") ?? ResourceKinds.ApiVersion;

    public string Kind => Key.Kind.ToString();

    public ObjectMeta Metadata => Root["metadata"].Deserialize<ObjectMeta>(ManifestJson.Options)!;

    public JsonObject Spec => Root.Obj("spec") ?? [];

    /// <summary>The typed spec (AppSpec, JobSpec, CronJobSpec, ScalePolicySpec, CapacityPoolSpec).</summary>
    public T GetSpec<T>() => Spec.Deserialize<T>(ManifestJson.Options)
        ?? throw new InvalidOperationException($"{Key}: spec is empty");

    /// <summary>A copy of the document with the operator's <paramref name="status"/> appended (for <c>get -o yaml|json</c>).</summary>
    public JsonObject WithStatus(JsonObject? status)
    {
        var copy = Root.DeepClone().AsObject();
        if (status is not null) copy["status"] = status.DeepClone();
        return copy;
    }

    /// <summary>Canonical YAML (keys in written order, status removed).</summary>
    public string ToYaml() => YamlWriter.Write(Root);

    /// <summary>Indented JSON (status removed).</summary>
    public string ToJson() => Root.ToJsonString(Indented);
}
