using EcsOperator.Core.Tests.Manifests;

namespace EcsOperator.Core.Tests.ApiModel;

/// <summary>
/// The committed API model table must equal what the botocore models it was generated from produce. The table records
/// that botocore version: on a machine with another version the comparison is skipped (visibly), since a newer aws CLI
/// is no defect of the change under test. To take up a newer model (ECS added a field), run
/// <c>UPDATE_API_MODEL=1 dotnet test tests/EcsOperator.Core.Tests --filter ApiModelFileTests</c> and commit the file.
/// </summary>
public sealed class ApiModelFileTests
{
    [SkippableFact]
    public void Committed_api_model_matches_the_botocore_models_on_this_machine()
    {
        var data = ApiModelGenerator.BotocoreData();
        Skip.If(data is null || !Directory.Exists(Path.Combine(data, "ecs")), "botocore (installed with the aws CLI) not found");
        var path = RepoRoot.Combine("operator", "EcsOperator.Core", "Aws", "ApiModel", "aws-api-model.json");
        var generated = ApiModelGenerator.Generate(data!);
        if (Environment.GetEnvironmentVariable("UPDATE_API_MODEL") == "1") File.WriteAllText(path, generated);

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        var machine = ApiModelGenerator.BotocoreVersion(data!);
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(committed.Length > 0 ? committed : "{}")?["ecs"]?["botocore"]?.GetValue<string>();
        Skip.If(committed != generated && recorded is not null && recorded != machine,
            $"the table was generated from botocore {recorded}; this machine has {machine}. Regenerate with UPDATE_API_MODEL=1 to take it up");
        Assert.True(committed == generated,
            $"{path} differs from the botocore models in {data}. Regenerate with: " +
            "UPDATE_API_MODEL=1 dotnet test tests/EcsOperator.Core.Tests --filter ApiModelFileTests (then regenerate crds-schema with UPDATE_SCHEMAS=1)");
    }
}
