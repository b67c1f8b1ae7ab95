using System.Diagnostics;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Sqs;
using EcsOperator.Aws.Tests.DynamoDb;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Init;

/// <summary>samples/infra (linted with cfn-lint) and the raw-path scripts samples/put-item.sh and send-job.sh, run for real against moto.</summary>
public sealed class SamplesTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string Template = Path.Combine(RepoRoot, "samples", "infra", "operator.template");

    [SkippableFact]
    public async Task The_infra_template_passes_cfn_lint()
    {
        var lint = FindOnPath("cfn-lint");
        if (lint is null && MotoServer.IsCi) Assert.Fail("CI=true but cfn-lint is not on PATH");
        Skip.If(lint is null, "cfn-lint is not on PATH: template lint skipped (pip install cfn-lint to run it)");
        var (exit, stdout, stderr) = await RunAsync(lint!, [Template], null);
        Assert.True(exit == 0, $"cfn-lint exit {exit}\n{stdout}\n{stderr}");
    }

    [Fact]
    public void The_operator_role_allows_every_ECS_action_the_operator_calls()
    {
        var text = File.ReadAllText(Template);
        // CreateCluster is the simulator's and ecs-operator local's, never the operator's against AWS.
        Assert.All(EcsAction.All.Where(a => a != EcsAction.CreateCluster), action => Assert.Contains($"- ecs:{action}\n", text, StringComparison.Ordinal));
        Assert.Contains("StreamViewType: NEW_AND_OLD_IMAGES", text, StringComparison.Ordinal);
        Assert.Contains("AttributeName: ttl", text, StringComparison.Ordinal);
        Assert.Contains("deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Put_item_script_writes_a_manifest_the_store_picks_up()
    {
        moto.SkipIfUnavailable();
        var table = await MotoAws.TableAsync(moto);
        var manifest = Path.Combine(RepoRoot, "samples", "apps", "web.yaml");
        var (exit, stdout, stderr) = await RunAsync("bash", [Path.Combine(RepoRoot, "samples", "put-item.sh"), "-t", table, manifest], moto.AwsEnvironment);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("put App/default/web", stdout, StringComparison.Ordinal);

        using var store = DynamoDbResourceStore.Create(MotoAws.Connection(moto), table, TimeProvider.System);
        var item = await store.GetAsync(new ResourceKey(ResourceKind.App, "default", "web"), default);
        Assert.NotNull(item);
        Assert.Equal(await File.ReadAllTextAsync(manifest), item.Manifest);
        Assert.Equal(1, item.Generation);
    }

    [SkippableFact]
    public async Task Send_job_script_sends_a_job_the_queue_receives()
    {
        moto.SkipIfUnavailable();
        var queueName = MotoAws.Name("jobs");
        await MotoAws.InitAsync(moto, MotoAws.Name("tbl"), queueName);
        var job = Path.Combine(RepoRoot, "samples", "jobs", "rake.yaml");
        var env = new Dictionary<string, string>(moto.AwsEnvironment) { ["ECS_OPERATOR_QUEUE"] = queueName };
        var (exit, stdout, stderr) = await RunAsync("bash", [Path.Combine(RepoRoot, "samples", "send-job.sh"), job], env);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("sent job message", stdout, StringComparison.Ordinal);

        using var queue = await SqsJobQueue.CreateAsync(MotoAws.Connection(moto), queueName, TimeProvider.System, default);
        var message = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(2), default));
        Assert.Equal(await File.ReadAllTextAsync(job), message.Body);
        Assert.Contains(message.MessageId, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_without_a_table_or_queue_say_so()
    {
        var put = await RunAsync("bash", [Path.Combine(RepoRoot, "samples", "put-item.sh"), Template], new Dictionary<string, string> { ["ECS_OPERATOR_TABLE"] = "" });
        Assert.Equal(2, put.ExitCode);
        Assert.Contains("no table", put.Stderr, StringComparison.Ordinal);
        var send = await RunAsync("bash", [Path.Combine(RepoRoot, "samples", "send-job.sh"), Template], new Dictionary<string, string> { ["ECS_OPERATOR_QUEUE"] = "" });
        Assert.Equal(2, send.ExitCode);
        Assert.Contains("no queue", send.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string exe, string[] args, IReadOnlyDictionary<string, string>? env)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + exe);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
