using EcsOperator.Core.Tests.Manifests;

namespace EcsOperator.Core.Tests.ApiModel;

/// <summary>
/// The committed API model table must equal what the botocore models on this machine generate. When the aws CLI on
/// the machine is newer (ECS added a field), run
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
        Assert.True(committed == generated,
            $"{path} differs from the botocore models in {data}. Regenerate with: " +
            "UPDATE_API_MODEL=1 dotnet test tests/EcsOperator.Core.Tests --filter ApiModelFileTests (then regenerate crds-schema with UPDATE_SCHEMAS=1)");
    }
}
