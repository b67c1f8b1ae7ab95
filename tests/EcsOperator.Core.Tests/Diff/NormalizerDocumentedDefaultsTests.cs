using System.Text.Json.Nodes;
using EcsOperator.Core.Diff;

namespace EcsOperator.Core.Tests.Diff;

/// <summary>Members the ECS API documents a value for when omitted compare equal to that value spelled out.</summary>
public sealed class NormalizerDocumentedDefaultsTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Written = """
        { "family": "efs", "containerDefinitions": [ { "name": "app", "image": "nginx", "memory": 128,
            "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data" } ] } ],
          "volumes": [ { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1324abcd" } } ] }
        """;

    // the shape of a console export / describe output of the same definition (values spelled out)
    private const string Described = """
        { "family": "efs", "enableFaultInjection": false, "containerDefinitions": [ { "name": "app", "image": "nginx",
            "memory": 128, "versionConsistency": "enabled", "systemControls": [],
            "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data", "readOnly": false } ] } ],
          "volumes": [ { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1324abcd", "rootDirectory": "/",
            "transitEncryption": "DISABLED", "authorizationConfig": { "iam": "DISABLED" } } } ] }
        """;

    [Fact]
    public void A_definition_and_its_export_with_defaults_spelled_out_compare_equal_and_diff_empty()
    {
        Assert.True(TaskDefinitionNormalizer.AreEquivalent(Parse(Written), Parse(Described)),
            DefinitionDiff.TaskDefinition(Parse(Described), Parse(Written)));
        Assert.Equal("", DefinitionDiff.TaskDefinition(Parse(Described), Parse(Written)));
        var created = DefinitionDiff.TaskDefinition(null, Parse(Described));
        Assert.DoesNotContain("enableFaultInjection", created);
        Assert.DoesNotContain("versionConsistency", created);
    }

    [Theory]
    [InlineData("\"enableFaultInjection\": true", "")]
    [InlineData("", "\"versionConsistency\": \"disabled\",")]
    public void A_value_other_than_the_default_stays_a_difference(string taskMember, string containerMember)
    {
        var task = taskMember.Length > 0 ? taskMember + "," : "";
        var changed = Parse($$"""
            { {{task}} "family": "efs", "containerDefinitions": [ { {{containerMember}} "name": "app", "image": "nginx", "memory": 128,
                "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data" } ] } ],
              "volumes": [ { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1324abcd" } } ] }
            """);
        Assert.False(TaskDefinitionNormalizer.AreEquivalent(Parse(Written), changed));
    }

    [Theory]
    [InlineData("rootDirectory", "/exports")]
    [InlineData("transitEncryption", "ENABLED")]
    public void An_efs_setting_other_than_the_default_stays_a_difference(string member, string value)
    {
        var changed = Parse(Written);
        var efs = changed["volumes"]![0]!["efsVolumeConfiguration"]!.AsObject();
        efs[member] = value;
        Assert.False(TaskDefinitionNormalizer.AreEquivalent(Parse(Written), changed));
        Assert.Contains($"{member}: {value}", DefinitionDiff.TaskDefinition(Parse(Written), changed));
    }
}
