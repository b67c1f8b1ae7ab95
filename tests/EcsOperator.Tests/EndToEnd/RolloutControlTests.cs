using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.EndToEnd;

/// <summary><c>ecsctl rollout restart|pause|resume</c> and <c>scale</c> through the whole operator host on the simulator.</summary>
public sealed class RolloutControlTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<JsonObject> PrimaryAsync() =>
        (await w.ServiceAsync("web"))!.Arr("deployments").Objects().Single(d => d.Str("status") == "PRIMARY");

    private async Task RunAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await w.EcsctlAsync(args);
        Assert.True(exit == 0, $"ecsctl {string.Join(' ', args)}: exit {exit}\n{stdout}\n{stderr}");
    }

    [Fact]
    public async Task Restart_makes_one_new_deployment_of_the_same_revision_and_an_operator_restart_does_not_repeat_it()
    {
        var host = await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        var first = await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);
        var before = await PrimaryAsync();

        await RunAsync("rollout", "restart", "app/web");
        var asked = (await w.Store.GetAsync(OperatorWorld.Key("web"), default))!.Manifest;
        Assert.Contains("ecs.operator/restartedAt", asked, StringComparison.Ordinal);
        var restarted = await w.WaitForAsync("web", s => s.Str("restartedAt") is not null && OperatorWorld.Available(s), "the restart to roll out", 60);
        var after = await PrimaryAsync();
        Assert.NotEqual(before.Str("id"), after.Str("id"));
        Assert.Equal(before.Str("taskDefinition"), after.Str("taskDefinition"));
        Assert.Equal(first.Str("activeTaskDefinition"), restarted.Str("activeTaskDefinition"));

        // A new operator reads the handled value from status: scaling (an observable change that makes no new
        // deployment) is applied, and the deployment stays the restart's.
        await w.StopOperatorAsync(host);
        await w.StartOperatorAsync("op-2");
        await RunAsync("scale", "app/web", "--replicas", "3");
        await w.WaitForAsync("web", s => s.Int("desiredCount") == 3 && OperatorWorld.Available(s), "the scale to 3", 60);
        Assert.Equal(after.Str("id"), (await PrimaryAsync()).Str("id"));
    }

    [Fact]
    public async Task Pause_holds_a_new_image_back_and_resume_rolls_it_out()
    {
        await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        var first = await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout", 60);
        var v1 = first.Str("activeTaskDefinition")!;

        await RunAsync("rollout", "pause", "app/web");
        await RunAsync("set", "image", "app/web", "app=nginx:2");
        var paused = await w.WaitForAsync("web", s => StatusConditions.Get(s, "Progressing").Str("reason") == "Paused", "the pause to show", 60);
        Assert.True(paused.Bool("paused"));
        Assert.Equal(v1, (await w.ServiceAsync("web"))!.Str("taskDefinition"));
        Assert.Single(await w.RevisionsAsync(v1[(v1.LastIndexOf('/') + 1)..v1.LastIndexOf(':')]));
        var status = await w.EcsctlAsync("rollout", "status", "app/web", "--timeout", "5");
        Assert.Equal(1, status.Exit);
        Assert.Contains("app/web is paused", status.Err, StringComparison.Ordinal);

        await RunAsync("rollout", "resume", "app/web");
        var resumed = await w.WaitForAsync("web", s => OperatorWorld.Available(s) && s.Str("activeTaskDefinition") != v1, "the held rollout", 60);
        Assert.Null(resumed["paused"]);
        Assert.NotEqual(v1, (await w.ServiceAsync("web"))!.Str("taskDefinition"));
    }
}
