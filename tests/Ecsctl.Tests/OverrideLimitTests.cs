namespace Ecsctl.Tests;

/// <summary>ECS caps a RunTask's overrides at 8192 characters; a Job over it is refused at apply, naming the field.</summary>
public sealed class OverrideLimitTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Job(int valueLength) => $"""
        apiVersion: ecs.operator/v1
        kind: Job
        metadata:
          name: seed
        spec:
          appRef: web
          command: [bin/rails, db:seed]
          environment:
            SEED_DATA: "{new string('x', valueLength)}"
        """;

    [Fact]
    public async Task A_Job_whose_environment_makes_more_than_8_KiB_of_overrides_is_refused_with_file_line_and_field()
    {
        var path = _cli.WriteFile("seed.yaml", Job(9000));
        var result = await _cli.RunAsync("apply", "-f", path);

        Assert.Equal(1, result.Exit);
        Assert.Contains("seed.yaml:9:5: spec.environment", result.Err);
        Assert.Contains("spec.environment", result.Err);
        Assert.Contains("ECS allows at most 8192", result.Err);
        Assert.Empty(await _cli.Store.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_Job_just_under_the_limit_is_applied()
    {
        var result = await _cli.RunAsync("apply", "-f", _cli.WriteFile("seed.yaml", Job(8000)));
        Assert.True(result.Exit == 0, result.ToString());
    }
}
