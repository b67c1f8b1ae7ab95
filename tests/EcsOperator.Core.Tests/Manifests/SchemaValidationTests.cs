using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Manifests.Validation;
using EcsOperator.Core.Resources;
using Json.Schema;

namespace EcsOperator.Core.Tests.Manifests;

/// <summary>
/// Documents are validated with JsonSchema.Net against the published schema (less status), and its findings are
/// reported as FILE:LINE:COL: path: message, with did-you-mean hints.
/// </summary>
public sealed class SchemaValidationTests
{
    private static IReadOnlyList<string> Errors(string text) => ManifestParser.Parse(text, "web.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Schema_violations_name_file_line_column_and_path()
    {
        const string text = """
            apiVersion: ecs.operator/v1
            kind: App
            metadata:
              name: web
              labels:
                tier: ~
            spec:
              cluster: ""
              replicas: 2
              deletionPolicy:
              taskDefinition:
                networkMode: awsvcp
                containerDefinitions:
                - name: app
                  image: nginx
                  portMapping: []
            """;

        Assert.Equal(
        [
            "web.yaml:6:5: metadata.labels[\"tier\"]: expected a string, got null",
            "web.yaml:8:12: spec.cluster: must not be empty",
            "web.yaml:12:18: spec.taskDefinition.networkMode: 'awsvcp' is not one of bridge, host, awsvpc, none (did you mean 'awsvpc'?)",
            "web.yaml:16:7: spec.taskDefinition.containerDefinitions[0].portMapping: unknown field 'portMapping' (did you mean 'portMappings'?)",
        ], Errors(text));
    }

    [Fact]
    public void An_integer_or_list_field_names_both_and_its_list_items_are_checked_one_by_one()
    {
        const string policy = """
            apiVersion: ecs.operator/v1
            kind: ScalePolicy
            metadata:
              name: web
            spec:
              targetRef: web
              maxTaskCount: ten
            """;

        Assert.Equal(["web.yaml:7:17: spec.maxTaskCount: expected an integer or a list of integers, got a string \"ten\""], Errors(policy));
        Assert.Equal(["web.yaml:7:21: spec.maxTaskCount[1]: expected an integer, got a string \"x\""], Errors(policy.Replace("maxTaskCount: ten", "maxTaskCount: [2, x]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Null_members_are_not_set_but_a_null_required_member_or_list_item_is_an_error()
    {
        const string text = """
            apiVersion: ecs.operator/v1
            kind: App
            metadata:
              name: web
            spec:
              cluster:
              hooks:
                preDeploy:
                - ~
              taskDefinition:
                containerDefinitions: [{name: app, image: nginx}]
            """;

        Assert.Equal(
        [
            "web.yaml:6:3: spec.cluster: required field is empty",
            "web.yaml:9:5: spec.hooks.preDeploy[0]: list items must not be null",
        ], Errors(text));
    }

    /// <summary>What `ecsctl validate` enforces is what an editor loads from crds-schema/: the same schema, status aside.</summary>
    [Theory]
    [MemberData(nameof(SchemaFileTests.Kinds), MemberType = typeof(SchemaFileTests))]
    public void The_validation_schema_is_the_published_schema_without_status(ResourceKind kind)
    {
        var published = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("crds-schema", JsonSchemaGenerator.FileName(kind))))!.AsObject();
        var applied = SchemaValidator.For(kind).Text;

        var properties = published["properties"]!.DeepClone().AsObject();
        Assert.True(properties.Remove("status"));
        Assert.True(JsonNode.DeepEquals(properties, applied["properties"]), $"{kind}: properties differ");
        foreach (var (name, def) in applied["$defs"]?.AsObject() ?? [])
            Assert.True(JsonNode.DeepEquals(def, published["$defs"]![name]), $"{kind}: $defs/{name} differs");
    }

    [Fact]
    public void A_document_the_published_schema_accepts_is_accepted_and_one_it_rejects_is_rejected()
    {
        var published = JsonSchema.FromText(File.ReadAllText(RepoRoot.Combine("crds-schema", "app.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        const string good = "{\"apiVersion\": \"ecs.operator/v1\", \"kind\": \"App\", \"metadata\": {\"name\": \"web\"}, \"spec\": {\"cluster\": \"default\", \"taskDefinition\": {\"containerDefinitions\": [{\"name\": \"app\", \"image\": \"nginx\"}]}}}";
        var bad = good.Replace("\"cluster\"", "\"clusterName\"", StringComparison.Ordinal);

        foreach (var (text, valid) in new[] { (good, true), (bad, false) })
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            Assert.Equal(valid, published.Evaluate(json.RootElement).IsValid);
            Assert.Equal(valid, ManifestParser.Parse(text, "web.json").Errors.Count == 0);
        }
    }
}
