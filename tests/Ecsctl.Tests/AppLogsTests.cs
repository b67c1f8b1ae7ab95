using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Simulator;

namespace Ecsctl.Tests;

/// <summary><c>ecsctl logs app/NAME</c> in local mode: a simulated service whose state (and container logs) the
/// simulator saves in the state directory, as <c>ecs-operator local</c> does.</summary>
public sealed class AppLogsTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly SimulatedCloud _cloud;

    public AppLogsTests()
    {
        _cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = _cli.Paths.Simulator, ThrottlingEnabled = false, Timings = TaskTimings.Instant }, _cli.Time);
        _cloud.Control.EnsureDefaultCluster(instanceCount: 2);
    }

    public void Dispose()
    {
        _cloud.Dispose();
        _cli.Dispose();
    }

    private IEcsApi Ecs => _cloud.Ecs;

    private async Task<IReadOnlyList<JsonObject>> TasksAsync(string desired)
    {
        var arns = await Ecs.ListTasksAsync("default", default, serviceName: "web", desiredStatus: desired);
        return arns.Count == 0 ? [] : (await Ecs.DescribeTasksAsync("default", arns, default)).Tasks;
    }

    private async Task SettleAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 600 && !await done(); i++)
        {
            _cli.Time.Advance(TimeSpan.FromSeconds(1));
            _cloud.Advance();
        }

        Assert.True(await done(), "the simulated service did not settle");
        _cloud.Flush();
    }

    private async Task StartServiceAsync()
    {
        var td = await Ecs.SendAsync(EcsAction.RegisterTaskDefinition, new JsonObject
        {
            ["family"] = "web",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "rails:1", ["memory"] = 128, ["essential"] = true }),
        }, default);
        await Ecs.SendAsync(EcsAction.CreateService, new JsonObject
        {
            ["cluster"] = "default", ["serviceName"] = "web", ["desiredCount"] = 1,
            ["taskDefinition"] = td.Obj("taskDefinition").Str("taskDefinitionArn"),
            ["tags"] = new JsonArray(new JsonObject { ["key"] = WorkloadBehavior.LogTag, ["value"] = "Puma starting\\nListening on 3000" }),
        }, default);
        await SettleAsync(async () => (await TasksAsync("RUNNING")).Any(t => t.Str("lastStatus") == "RUNNING"));
        await _cli.Store.PutAsync(new ResourceKey(ResourceKind.App, "default", "web"), """
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: web}
            spec:
              cluster: default
              taskDefinition:
                containerDefinitions:
                  - {name: app, image: "rails:1", memory: 128}
            """, null, default);
    }

    private async Task RollAsync()
    {
        var before = (await TasksAsync("RUNNING")).Select(t => t.Str("taskArn")).ToHashSet();
        await Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = "default", ["service"] = "web", ["forceNewDeployment"] = true }, default);
        await SettleAsync(async () =>
        {
            var running = await TasksAsync("RUNNING");
            return running.Count == 1 && !before.Contains(running[0].Str("taskArn")) && running[0].Str("lastStatus") == "RUNNING"
                && (await TasksAsync("STOPPED")).Any(t => before.Contains(t.Str("taskArn")));
        });
    }

    private static string Id(JsonObject task) => task.Str("taskArn")!.Split('/')[^1];

    [Fact]
    public async Task Logs_prints_every_task_of_the_service_across_a_rollout_prefixed_by_task_id()
    {
        await StartServiceAsync();
        var first = Id((await TasksAsync("RUNNING")).Single());
        await RollAsync();
        var second = Id((await TasksAsync("RUNNING")).Single());

        var result = await _cli.RunAsync("logs", "app/web");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal([$"{first} Puma starting", $"{first} Listening on 3000", $"{second} Puma starting", $"{second} Listening on 3000"], result.OutLines);

        var tail = await _cli.RunAsync("logs", "app/web", "--tail", "1");
        Assert.Equal([$"{second} Listening on 3000"], tail.OutLines);
        _cli.Time.Advance(TimeSpan.FromMinutes(10));
        var since = await _cli.RunAsync("logs", "app/web", "--since", "5m");
        Assert.True(since.Exit == 0, since.ToString());
        Assert.Empty(since.OutLines);
        Assert.Equal(4, (await _cli.RunAsync("logs", "app/web", "--since", "1h")).OutLines.Count);
        var other = await _cli.RunAsync("logs", "app/web", "--container", "sidecar");
        Assert.Empty(other.OutLines);
        Assert.Contains("has no container \"sidecar\"", other.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("logs", "job/x", "--tail", "3")).Exit);
    }

    [Fact]
    public async Task Follow_picks_up_the_tasks_of_a_new_deployment_until_cancelled()
    {
        await StartServiceAsync();
        using var cts = new CancellationTokenSource();
        using var stdout = new SharedWriter();
        using var stderr = new StringWriter();
        var follow = Task.Run(() => EcsctlProgram.MainAsync(["logs", "app/web", "-f", "--state-dir", _cli.StateDir], TextReader.Null, stdout, stderr, _cli.Time, cts.Token));
        await WaitAsync(() => Lines(stdout).Count == 2, follow);

        await RollAsync();
        var second = Id((await TasksAsync("RUNNING")).Single());
        await WaitAsync(() => Lines(stdout).Contains($"{second} Listening on 3000"), follow);
        await cts.CancelAsync();
        Assert.Equal(0, await follow);
        Assert.Equal(4, Lines(stdout).Count);
    }

    private static List<string> Lines(SharedWriter w) => [.. w.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Moves the fake clock (the follow loop waits on it) until the condition holds.</summary>
    private async Task WaitAsync(Func<bool> condition, Task<int> follow)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.False(follow.IsCompleted, "logs -f ended early");
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the follow");
            _cli.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }
}
