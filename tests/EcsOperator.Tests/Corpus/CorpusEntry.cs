using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.Corpus;

/// <summary>
/// One task definition written by someone else (AWS docs, aws-samples, the ECS agent's test data, ecspresso, console
/// exports), stored under <c>testassets/corpus/&lt;name&gt;/</c> as <c>taskdef.json</c>, an optional <c>service.json</c>
/// (CreateService settings) and <c>SOURCE.md</c> (repository, path, commit and what was changed).
/// </summary>
internal sealed record CorpusEntry(string Name, JsonObject TaskDefinition, JsonObject? Service)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testassets", "corpus");

    /// <summary>Members of a CreateService request that an App sets elsewhere (spec.cluster, the rendered revision, spec.replicas).</summary>
    private static readonly string[] OwnedServiceMembers = ["serviceName", "cluster", "taskDefinition", "desiredCount"];

    public static IReadOnlyList<CorpusEntry> All() =>
        [.. Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(Load)];

    private static CorpusEntry Load(string dir)
    {
        var name = Path.GetFileName(dir);
        var td = Parse(Path.Combine(dir, "taskdef.json"));
        // describe-task-definition output wraps the definition: {"taskDefinition": {...}, "tags": [...]}
        if (td["taskDefinition"] is JsonObject inner) td = inner.DeepClone().AsObject();
        var servicePath = Path.Combine(dir, "service.json");
        return new CorpusEntry(name, td, File.Exists(servicePath) ? Parse(servicePath) : null);
    }

    private static JsonObject Parse(string path) =>
        JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path}: not a JSON object");

    public bool IsDaemon => string.Equals(Service.Str("schedulingStrategy"), "DAEMON", StringComparison.Ordinal);

    /// <summary>
    /// The App a user would write for this definition in the cluster <paramref name="cluster"/>: the task definition as
    /// it is (nulls, describe-only members and all); the service settings without the members an App owns
    /// (desiredCount becomes spec.replicas). Where the source leaves the choice to the cluster, the wrapper makes it:
    /// a FARGATE-only definition without a launch type or capacity provider strategy gets <c>launchType: FARGATE</c>
    /// (the cluster's default capacity provider strategy on ECS), and an awsvpc definition without a network
    /// configuration gets the cluster's subnet and security group.
    /// </summary>
    public JsonObject ToApp(string cluster)
    {
        var service = Service?.DeepClone().AsObject() ?? [];
        var replicas = service.Int("desiredCount") ?? 1;
        foreach (var owned in OwnedServiceMembers) service.Remove(owned);
        var requires = TaskDefinition.Arr("requiresCompatibilities").Strings().ToList();
        if (requires is ["FARGATE"] && service["launchType"] is null && service["capacityProviderStrategy"] is null)
            service["launchType"] = "FARGATE";
        if (TaskDefinition.Str("networkMode") == "awsvpc" && service["networkConfiguration"] is null)
        {
            service["networkConfiguration"] = new JsonObject
            {
                ["awsvpcConfiguration"] = new JsonObject
                {
                    ["subnets"] = new JsonArray("subnet-0corpus0000000001"),
                    ["securityGroups"] = new JsonArray("sg-0corpus0000000001"),
                },
            };
        }
        var spec = new JsonObject { ["cluster"] = cluster };
        if (!IsDaemon) spec["replicas"] = replicas;
        spec["taskDefinition"] = TaskDefinition.DeepClone();
        if (service.Count > 0) spec["service"] = service;
        return new JsonObject
        {
            ["apiVersion"] = "ecs.operator/v1",
            ["kind"] = "App",
            ["metadata"] = new JsonObject { ["name"] = Name },
            ["spec"] = spec,
        };
    }

    /// <summary>Writes the App as a JSON manifest (JSON is YAML) into <paramref name="dir"/>; returns its path.</summary>
    public string WriteApp(string dir, string cluster)
    {
        var path = Path.Combine(dir, Name + ".json");
        File.WriteAllText(path, ToApp(cluster).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>The task definition family the App registers into.</summary>
    public string Family => TaskDefinition.Str("family") ?? Name;
}
