using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>The App's status is the typed <see cref="AppStatus"/>: what the reconciler stores is what app.schema.json
/// declares, and a status stored by an earlier operator version reads back whole.</summary>
public sealed class AppStatusTests : IDisposable
{
    private readonly AppHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Every_status_the_reconciler_stores_is_declared_by_the_App_schema()
    {
        var schema = JsonSchemaGenerator.Generate(ResourceKind.App)["properties"]!["status"]!.AsObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        async Task CheckAsync()
        {
            var status = await h.StatusAsync("web");
            AssertDeclared(schema, status, "status");
            seen.UnionWith(status.Select(p => p.Key));
        }

        await h.ApplyAsync("web", AppHarness.App("web", extraMeta: "  annotations:\n    ecs.operator/restartedAt: \"1\""));
        await h.ConvergeAsync("web");
        await CheckAsync();

        await h.Store.PutAsync(new ResourceKey(ResourceKind.ScalePolicy, "default", "web"), AppHarness.ScalePolicy("web", "web"), null, default);
        await h.ApplyAsync("web", AppHarness.App("web", image: "nginx:2",
            extraMeta: "  annotations:\n    ecs.operator/restartedAt: \"2\"\n    ecs.operator/paused: \"true\"",
            extraSpec: "  service:\n    role: arn:aws:iam::123456789012:role/ecs-service"));
        await h.ConvergeAsync("web");
        await CheckAsync();

        Assert.Superset(new HashSet<string>
        {
            "observedGeneration", "conditions", "cluster", "serviceName", "activeTaskDefinition", "desiredCount", "runningCount",
            "pendingCount", "serviceEvents", "rollout", "scaledBy", "createOnlyFieldsChanged", "restartedAt", "paused", "revisions",
        }, seen);
    }

    [Fact]
    public void A_status_stored_by_an_earlier_version_reads_whole_and_is_written_in_the_current_form()
    {
        // Earlier versions kept ECS's epoch seconds for service events, "O" times, and each revision's definition.
        var stored = JsonNode.Parse("""
            {
              "observedGeneration": 3,
              "conditions": [{ "type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "2/2 tasks running",
                               "lastTransitionTime": "2026-01-01T00:00:05.1234567+00:00" }],
              "cluster": "default", "serviceName": "web", "desiredCount": 2, "runningCount": 2, "pendingCount": 0,
              "serviceEvents": [{ "createdAt": 1767225605.5, "message": "(service web) has reached a steady state." }],
              "rollout": { "targetTaskDefinition": "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:2", "generation": 3,
                           "startedAt": "2026-01-01T00:00:00.0000000+00:00", "state": "RolledBack" },
              "restartedAt": "7",
              "revisions": [{ "taskDefinitionArn": "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:2", "revision": 2,
                              "specHash": "abc", "generation": 3, "createdAt": "2026-01-01T00:00:00.0000000+00:00",
                              "annotations": {}, "taskDefinition": { "family": "web" } }]
            }
            """)!.AsObject();

        var status = StatusJson.Read<AppStatus>(stored);

        Assert.NotNull(status);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:05.5Z"), status.ServiceEvents![0].CreatedAt);
        Assert.Equal(AppRolloutPhase.RolledBack, status.Rollout!.State);
        Assert.Equal("7", status.RestartedAt);
        Assert.Equal(2, status.Revisions![0].Revision);
        var written = StatusJson.Write(status);
        Assert.Equal("2026-01-01T00:00:05.500Z", written.Arr("serviceEvents").Objects().Single().Str("createdAt"));
        Assert.Null(written.Arr("revisions").Objects().Single()["taskDefinition"]);
    }

    /// <summary>Every member of <paramref name="value"/> is declared by <paramref name="schema"/>, with its JSON type.</summary>
    private static void AssertDeclared(JsonObject schema, JsonNode? value, string path)
    {
        var type = (string?)schema["type"];
        switch (value)
        {
            case JsonObject o:
                Assert.True(type == "object", $"{path}: an object where the schema says {type}");
                foreach (var (name, member) in o)
                {
                    var declared = schema["properties"]?[name] as JsonObject ?? schema["additionalProperties"] as JsonObject;
                    Assert.True(declared is not null, $"{path}.{name} is not declared by the schema");
                    AssertDeclared(declared!, member, $"{path}.{name}");
                }
                break;
            case JsonArray a:
                Assert.True(type == "array", $"{path}: an array where the schema says {type}");
                for (var i = 0; i < a.Count; i++) AssertDeclared(schema["items"]!.AsObject(), a[i], $"{path}[{i}]");
                break;
            case JsonValue v:
                var kind = v.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => "string",
                    System.Text.Json.JsonValueKind.Number => "integer",
                    _ => "boolean",
                };
                Assert.True(type == kind, $"{path}: a {kind} where the schema says {type}");
                if (schema["enum"] is JsonArray allowed) Assert.Contains((string?)v, allowed.Select(x => (string?)x));
                break;
        }
    }
}
