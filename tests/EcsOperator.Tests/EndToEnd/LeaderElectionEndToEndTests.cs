using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>Leader election on a gentler clock (20 ms of fake time per tick), so lease timing survives a busy machine.</summary>
public sealed class LeaderElectionEndToEndTests : IAsyncLifetime
{
    private readonly OperatorWorld w2 = new(stepMs: 20);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w2.DisposeAsync();

    [Fact]
    public async Task Two_operators_elect_one_leader_and_the_standby_takes_over()
    {
        var a = await w2.StartOperatorAsync("op-a");
        var b = await w2.StartOperatorAsync("op-b");
        await w2.WaitAsync(() => Task.FromResult(OperatorWorld.IsLeader(a) ^ OperatorWorld.IsLeader(b)), "exactly one leader");
        await w2.ApplyAsync("web", OperatorWorld.App("web"));
        await w2.WaitForAsync("web", OperatorWorld.Available, "Available");
        for (var i = 0; i < 20; i++)
        {
            Assert.False(OperatorWorld.IsLeader(a) && OperatorWorld.IsLeader(b));
            await Task.Delay(20);
        }
        var (leader, standby) = OperatorWorld.IsLeader(a) ? (a, b) : (b, a);
        await w2.StopOperatorAsync(leader);
        await w2.WaitAsync(() => Task.FromResult(OperatorWorld.IsLeader(standby)), "the standby to lead");
        await w2.ApplyAsync("web", OperatorWorld.App("web", image: "nginx:2"));
        await w2.WaitForAsync("web", s => OperatorWorld.Available(s) && s.Str("activeTaskDefinition")!.EndsWith("web:2", StringComparison.Ordinal), "the new leader's rollout");
    }
}
