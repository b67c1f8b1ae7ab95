using Ecsctl;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Tests.Jobs;

/// <summary><c>ecsctl run / logs / wait</c> through <see cref="EcsctlProgram.MainAsync(string[], TextReader, TextWriter, TextWriter, TimeProvider, CancellationToken)"/>
/// against an in-process operator (the Job reconciler and the queue intake) on the simulator, one fake clock for both.</summary>
public sealed class EcsctlJobCommandTests : IDisposable
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

    private Task<int> Ecsctl(CancellationToken ct, params string[] args) =>
        EcsctlProgram.MainAsync(["--state-dir", world.Root, .. args], TextReader.Null, stdout, stderr, world.Time, ct);

    /// <summary>Plays the operator until <paramref name="command"/> returns (or the Job runs, when <paramref name="until"/> says so).</summary>
    private async Task<int> OperateAsync(Task<int> command, Func<Task<bool>>? until = null)
    {
        for (var i = 0; i < 2000 && !command.IsCompleted; i++)
        {
            await world.Intake.ReceiveOnceAsync(default);
            foreach (var job in await world.Store.ListAsync(ResourceKind.Job, "default", default)) world.Track(job.Key);
            await world.DriveAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(500));
            world.Time.Advance(TimeSpan.FromMilliseconds(500));
            world.Cloud.Flush();
            await Task.Delay(5);
            if (until is not null && await until()) return -1;
        }
        return await command.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<JobState?> OnlyJobAsync() =>
        (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Select(j => JobState.FromJson(j.Status)).SingleOrDefault();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_streams_the_output_and_exits_with_the_jobs_exit_code(bool viaQueue)
    {
        await world.PutAppAsync();
        string[] args = ["run", "app/web", "--annotation", "simulator.ecs.operator/exit-code=3", "--annotation", "simulator.ecs.operator/run-seconds=5",
            "--annotation", "simulator.ecs.operator/log=== migrating\\nboom: column missing", "--env", "RAILS_ENV=production"];
        if (viaQueue) args = [.. args, "--via-queue"];
        var code = await OperateAsync(Ecsctl(default, [.. args, "--", "bin/rails", "db:migrate"]));

        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains("== migrating", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("boom: column missing", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("exit code 3", stderr.ToString(), StringComparison.Ordinal);
        var s = (await OnlyJobAsync())!;
        Assert.Equal(JobPhases.Failed, s.Phase);
        Assert.Equal(3, s.ExitCode);
    }

    [Fact]
    public async Task Run_exits_0_then_logs_and_wait_see_the_finished_job()
    {
        await world.PutAppAsync();
        var code = await OperateAsync(Ecsctl(default, "run", "app/web", "--annotation", "simulator.ecs.operator/log=all good", "--", "true"));
        Assert.Equal(0, code);
        var name = (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Single().Key.Name;

        stdout.GetStringBuilder().Clear();
        Assert.Equal(0, await Ecsctl(default, "logs", $"job/{name}"));
        Assert.Equal("all good", stdout.ToString().Trim());
        Assert.Equal(0, await Ecsctl(default, "wait", $"job/{name}", "--for=condition=Complete", "--timeout=10s"));
        Assert.Equal(1, await Ecsctl(default, "wait", $"job/{name}", "--for=condition=Failed", "--timeout=10s"));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_task_and_detach_leaves_it_running()
    {
        await world.PutAppAsync();
        using var interrupt = new CancellationTokenSource();
        var run = Ecsctl(interrupt.Token, "run", "app/web", "--annotation", "simulator.ecs.operator/run-seconds=3600", "--", "sleep", "3600");
        await OperateAsync(run, async () => (await OnlyJobAsync())?.Phase == JobPhases.Running);
        await interrupt.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        await OperateAsync(Task.FromResult(0));
        var key = (await world.Store.ListAsync(ResourceKind.Job, "default", default)).Single().Key;
        world.Track(key);
        await world.DriveUntilFinishedAsync(key, TimeSpan.FromMinutes(1));
        Assert.Equal(JobReasons.Stopped, (await world.StateAsync(key))!.Reason);

        stdout.GetStringBuilder().Clear();
        Assert.Equal(0, await Ecsctl(default, "run", "app/web", "--detach", "--", "sleep", "1"));
        Assert.StartsWith("web-run-", stdout.ToString().Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_times_out_without_an_operator()
    {
        await world.PutAppAsync();
        Assert.Equal(0, await Ecsctl(default, "run", "app/web", "--detach", "--", "true"));
        var name = stdout.ToString().Trim();
        var wait = Ecsctl(default, "wait", $"job/{name}", "--timeout=5s");
        for (var i = 0; i < 100 && !wait.IsCompleted; i++)
        {
            world.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        Assert.Equal(1, await wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("timed out", stderr.ToString(), StringComparison.Ordinal);
    }
}
