using EcsOperator.TestUtilities.Moto;

namespace Ecsctl.Tests.Aws;

/// <summary><c>ecsctl verify</c> as a user runs it: against moto with <c>--region</c> and <c>--endpoint-url</c>, and in
/// local mode, where nothing is looked up and every line says so.</summary>
public sealed class VerifyTests(MotoServer moto) : IClassFixture<MotoServer>, IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("ecsctl-verify-");

    static VerifyTests()
    {
        // The SDK's default credential chain reads these; moto accepts any. Same values wherever they are set.
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose() => dir.Delete(recursive: true);

    private static async Task<CliResult> EcsctlAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EcsctlProgram.MainAsync(args, TextReader.Null, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    private static string App(string name, PreflightWorld w, string tag, string subnet, string logGroup) => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
        spec:
          cluster: default
          taskDefinition:
            networkMode: awsvpc
            requiresCompatibilities: [FARGATE]
            cpu: "256"
            memory: "512"
            taskRoleArn: {w.RoleArn}
            executionRoleArn: {w.Role}
            containerDefinitions:
              - name: app
                image: {w.Image(tag)}
                secrets:
                  - name: DATABASE_URL
                    valueFrom: {w.ParameterArn}
                  - name: API_KEY
                    valueFrom: "{w.SecretArn}:key::"
                logConfiguration:
                  logDriver: awslogs
                  options:
                    awslogs-group: {logGroup}
                    awslogs-region: us-east-1
                    awslogs-stream-prefix: web
              - name: proxy
                image: public.ecr.aws/nginx/nginx:1.25
          service:
            launchType: FARGATE
            networkConfiguration:
              awsvpcConfiguration:
                subnets: [{subnet}]
                securityGroups: [{w.VpcSecurityGroup}]
        """;

    [SkippableFact]
    public async Task Verify_prints_one_line_per_check_and_exits_1_naming_what_is_missing()
    {
        moto.SkipIfUnavailable();
        var w = await PreflightWorld.CreateAsync(moto);
        var good = Path.Combine(dir.FullName, "good");
        Directory.CreateDirectory(good);
        await File.WriteAllTextAsync(Path.Combine(good, "web.yaml"), App("web", w, "v1", w.VpcSubnet, w.LogGroup));

        var ok = await EcsctlAsync("--region", moto.Region, "--endpoint-url", moto.Endpoint, "verify", "-f", good);
        Assert.True(ok.Exit == 0, ok.ToString());
        Assert.Equal(
        [
            $"app/web  ok       role {w.RoleArn}  (taskRoleArn)",
            $"app/web  ok       role {w.Role}  (executionRoleArn)",
            $"app/web  ok       image {w.Image("v1")}  (containerDefinitions[app].image)",
            $"app/web  ok       ssm parameter {w.ParameterArn}  (containerDefinitions[app].secrets[DATABASE_URL])",
            $"app/web  ok       secret {w.SecretArn}:key::  (containerDefinitions[app].secrets[API_KEY])",
            $"app/web  ok       log group {w.LogGroup}  (containerDefinitions[app].logConfiguration.options.awslogs-group)",
            "app/web  skipped  image public.ecr.aws/nginx/nginx:1.25  (containerDefinitions[proxy].image): registry public.ecr.aws is not ECR: not checked",
            $"app/web  ok       subnet {w.VpcSubnet}  (service.networkConfiguration.awsvpcConfiguration.subnets)",
            $"app/web  ok       security group {w.VpcSecurityGroup}  (service.networkConfiguration.awsvpcConfiguration.securityGroups)",
            "9 check(s) in 1 document(s): 8 ok, 0 missing, 1 skipped, 0 error",
        ],
        ok.OutLines);

        var bad = Path.Combine(dir.FullName, "bad.yaml");
        await File.WriteAllTextAsync(bad, App("web", w, "v2-typo", "subnet-0123456789abcdef0", w.LogGroup + "-typo"));
        var missing = await EcsctlAsync("verify", "-f", bad, "--region", moto.Region, "--endpoint-url", moto.Endpoint);
        Assert.True(missing.Exit == 1, missing.ToString());
        Assert.Contains(missing.OutLines, l => l.StartsWith($"app/web  missing  image {w.Image("v2-typo")}  (containerDefinitions[app].image): ImageNotFoundException", StringComparison.Ordinal));
        Assert.Contains(missing.OutLines, l => l.StartsWith("app/web  missing  subnet subnet-0123456789abcdef0  (service.networkConfiguration.awsvpcConfiguration.subnets): InvalidSubnetID.NotFound", StringComparison.Ordinal));
        Assert.Contains(missing.OutLines, l => l.StartsWith($"app/web  missing  log group {w.LogGroup}-typo  ", StringComparison.Ordinal));
        Assert.Contains("error: 9 check(s) in 1 document(s): 5 ok, 3 missing, 1 skipped, 0 error", missing.Err, StringComparison.Ordinal);

        // Pushed by another pipeline: the same file verifies once the image exists (the other two are still missing).
        await w.PushImageAsync("v2-typo");
        var again = await EcsctlAsync("verify", "-f", bad, "--region", moto.Region, "--endpoint-url", moto.Endpoint);
        Assert.Contains(again.OutLines, l => l.StartsWith($"app/web  ok       image {w.Image("v2-typo")}", StringComparison.Ordinal));
        Assert.Equal(1, again.Exit);
    }

    [Fact]
    public async Task Local_mode_looks_nothing_up_and_says_so_and_an_invalid_manifest_verifies_nothing()
    {
        var state = Path.Combine(dir.FullName, "state");
        var local = await EcsctlAsync("verify", "-f", Path.Combine(CliHarness.Samples, "apps"), "--state-dir", state);
        Assert.True(local.Exit == 0, local.ToString());
        Assert.Contains("verify: local mode: nothing is looked up", local.Err, StringComparison.Ordinal);
        Assert.NotEmpty(local.OutLines.SkipLast(1));
        Assert.All(local.OutLines.SkipLast(1), l => Assert.Contains("  skipped  ", l, StringComparison.Ordinal));
        Assert.All(local.OutLines.SkipLast(1), l => Assert.Contains("local mode", l, StringComparison.Ordinal));

        var broken = Path.Combine(dir.FullName, "broken.yaml");
        await File.WriteAllTextAsync(broken, "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: web}\nspec:\n  cluster: default\n");
        var invalid = await EcsctlAsync("verify", "-f", broken, "--state-dir", state);
        Assert.Equal(1, invalid.Exit);
        Assert.Contains("broken.yaml:", invalid.Err, StringComparison.Ordinal);
        Assert.Contains("nothing verified", invalid.Err, StringComparison.Ordinal);
        Assert.Empty(invalid.Out);

        Assert.Equal(2, (await EcsctlAsync("verify", "--state-dir", state)).Exit);
    }
}
