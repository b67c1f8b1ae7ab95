using Ecsctl;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary><c>ecsctl run --via-queue</c> never waits forever: a dead-lettered message ends it with the operator's
/// reason, a message nobody accepts ends it after <c>--accept-timeout</c>.</summary>
public sealed class EcsctlRunViaQueueTests : IDisposable
{
    private readonly JobWorld world = new(persistSimulator: true);
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        world.Dispose();
        stdout.Dispose();
        stderr.Dispose();
    }

    private Task<int> Ecsctl(params string[] args) =>
        EcsctlProgram.MainAsync(["--state-dir", world.Root, .. args], TextReader.Null, stdout, stderr, world.Time, default);

    /// <summary>Advances the shared fake clock (running the intake when asked) until the command returns.</summary>
    private async Task<int> AdvanceUntilDoneAsync(Task<int> command, bool intake, TimeSpan limit)
    {
        var end = world.Time.GetUtcNow() + limit;
        while (!command.IsCompleted && world.Time.GetUtcNow() < end)
        {
            if (intake) await world.Intake.ReceiveOnceAsync(default);
            world.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5);
        }
        return await command.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_dead_lettered_request_prints_the_operators_reason_and_exits_1()
    {
        await world.PutAppAsync();
        world.Options.AllowedQueueNamespaces = ["batch"];
        var start = world.Time.GetUtcNow();

        var code = await AdvanceUntilDoneAsync(Ecsctl("run", "app/web", "--via-queue", "--", "rake", "x"), intake: true, TimeSpan.FromMinutes(5));

        Assert.Equal(1, code);
        Assert.Contains("dead-letter queue", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("namespace default does not accept queued Jobs", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(world.Time.GetUtcNow() - start < TimeSpan.FromSeconds(60), "ended by the dead letter, not by the accept timeout");
        Assert.Empty(await world.Store.ListAsync(ResourceKind.Job, null, default));
    }

    [Fact]
    public async Task A_request_no_operator_accepts_gives_up_after_the_accept_timeout()
    {
        await world.PutAppAsync();
        var start = world.Time.GetUtcNow();

        var code = await AdvanceUntilDoneAsync(Ecsctl("run", "app/web", "--via-queue", "--accept-timeout", "20s", "--", "true"), intake: false, TimeSpan.FromMinutes(5));

        Assert.Equal(1, code);
        Assert.Contains("did not appear within 20s", stderr.ToString(), StringComparison.Ordinal);
        Assert.InRange((world.Time.GetUtcNow() - start).TotalSeconds, 20, 40);
    }

    [Fact]
    public async Task An_accepted_request_is_followed_past_the_accept_timeout()
    {
        await world.PutAppAsync();
        var command = Ecsctl("run", "app/web", "--via-queue", "--accept-timeout", "5s",
            "--annotation", "simulator.ecs.operator/run-seconds=60", "--annotation", "simulator.ecs.operator/exit-code=4", "--", "true");
        var end = world.Time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!command.IsCompleted && world.Time.GetUtcNow() < end)
        {
            await world.Intake.ReceiveOnceAsync(default);
            foreach (var item in await world.Store.ListAsync(ResourceKind.Job, "default", default)) world.Track(item.Key);
            await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(500));
            world.Time.Advance(TimeSpan.FromMilliseconds(500));
            world.Cloud.Flush();
            await Task.Delay(5);
        }

        Assert.Equal(4, await command.WaitAsync(TimeSpan.FromSeconds(30)));
        var job = Assert.Single(await world.Store.ListAsync(ResourceKind.Job, "default", default));
        Assert.Equal(4, JobState.FromJson(job.Status)!.ExitCode);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("Infinity")]
    [InlineData("1e300h")]
    [InlineData("-5s")]
    public async Task A_bad_accept_timeout_is_a_usage_error_and_sends_nothing(string value)
    {
        await world.PutAppAsync();
        var code = await Ecsctl("run", "app/web", "--via-queue", "--accept-timeout", value, "--", "true");
        Assert.Equal(2, code);
        Assert.Contains($"--accept-timeout={value}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(await world.Intake.ReceiveOnceAsync(default));
    }
}
