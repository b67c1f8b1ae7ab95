using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>
/// crds-schema/*.schema.json must equal what the model generates. After a model change run
/// <c>UPDATE_SCHEMAS=1 dotnet test tests/EcsOperator.Core.Tests --filter SchemaFileTests</c> and commit the files.
/// </summary>
public sealed class SchemaFileTests
{
    public static TheoryData<ResourceKind> Kinds() => new(ResourceKinds.All);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Committed_schema_matches_the_model(ResourceKind kind)
    {
        var path = RepoRoot.Combine("crds-schema", JsonSchemaGenerator.FileName(kind));
        var generated = JsonSchemaGenerator.GenerateText(kind);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1") File.WriteAllText(path, generated);

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(committed == generated,
            $"{path} differs from the model. Regenerate with: UPDATE_SCHEMAS=1 dotnet test tests/EcsOperator.Core.Tests --filter SchemaFileTests");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_field_has_a_description_and_objects_are_closed(ResourceKind kind)
    {
        var schema = JsonSchemaGenerator.Generate(kind);
        Assert.Equal(JsonSchemaGenerator.Draft, (string?)schema["$schema"]);
        Assert.Equal(kind.ToString(), (string?)schema["properties"]!["kind"]!["const"]);
        foreach (var (path, property) in Properties(schema, ""))
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)property["description"]), $"{kind} {path} has no description");
        }
    }

    [Fact]
    public void Max_task_count_accepts_an_integer_or_a_list_and_pass_through_objects_carry_the_ecs_shapes()
    {
        var sp = JsonSchemaGenerator.Generate(ResourceKind.ScalePolicy)["properties"]!["spec"]!["properties"]!;
        var oneOf = sp["maxTaskCount"]!["oneOf"]!.AsArray();
        Assert.Equal(["integer", "array"], oneOf.Select(o => (string)o!["type"]!));

        var schema = JsonSchemaGenerator.Generate(ResourceKind.App);
        var app = schema["properties"]!["spec"]!["properties"]!;
        Assert.Equal("object", (string?)app["taskDefinition"]!["type"]);
        Assert.False((bool)app["taskDefinition"]!["additionalProperties"]!);
        Assert.Equal("#/$defs/ecs.ContainerDefinitions", (string?)app["taskDefinition"]!["properties"]!["containerDefinitions"]!["$ref"]);
        Assert.Equal("#/$defs/ecs.ContainerDefinition", (string?)schema["$defs"]!["ecs.ContainerDefinitions"]!["items"]!["$ref"]);
        Assert.NotNull(schema["$defs"]!["ecs.ContainerDefinition"]!["properties"]!["memoryReservation"]);
        Assert.NotNull(app["taskDefinition"]!["properties"]!["taskDefinitionArn"]);
        Assert.NotNull(app["service"]!["properties"]!["forceNewDeployment"]);
        Assert.Equal(600, (int)app["progressDeadlineSeconds"]!["default"]!);
        Assert.Equal(["Delete", "Retain"], app["deletionPolicy"]!["enum"]!.AsArray().Select(v => (string)v!));
    }

    private static IEnumerable<(string Path, JsonObject Property)> Properties(JsonObject schema, string path)
    {
        foreach (var sub in Subschemas(schema))
        {
            if (sub["properties"] is not JsonObject props) continue;
            foreach (var (name, p) in props)
            {
                yield return ($"{path}.{name}", p!.AsObject());
                foreach (var inner in Properties(p.AsObject(), $"{path}.{name}")) yield return inner;
            }
        }
    }

    private static IEnumerable<JsonObject> Subschemas(JsonObject schema)
    {
        yield return schema;
        if (schema["items"] is JsonObject items) foreach (var s in Subschemas(items)) yield return s;
        if (schema["additionalProperties"] is JsonObject ap) foreach (var s in Subschemas(ap)) yield return s;
        if (schema["oneOf"] is JsonArray oneOf) foreach (var o in oneOf.OfType<JsonObject>()) foreach (var s in Subschemas(o)) yield return s;
    }
}
