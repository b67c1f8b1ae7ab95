using Ecsctl;

namespace EcsOperator.Tests.Jobs;

/// <summary><c>ecsctl get jobs</c> over Jobs the reconciler ran on the simulator: phase, exit code, duration and age.</summary>
public sealed class EcsctlGetJobsTests : IDisposable
{
    private readonly JobWorld world = new();

    public void Dispose() => world.Dispose();

    private static string Sim(int exit, int seconds) =>
        $$"""{"simulator.ecs.operator/exit-code": "{{exit}}", "simulator.ecs.operator/run-seconds": "{{seconds}}"}""";

    [Fact]
    public async Task Get_jobs_shows_phase_exit_code_duration_and_age_of_real_runs()
    {
        await world.PutAppAsync();
        var ok = await world.PutJobAsync("a-migrate", "{appRef: web}", Sim(0, 30));
        var bad = await world.PutJobAsync("b-report", "{appRef: web}", Sim(3, 45));
        await world.DriveAsync(async () => (await world.StateAsync(ok))?.IsFinished == true && (await world.StateAsync(bad))?.IsFinished == true, TimeSpan.FromHours(1));
        var running = await world.PutJobAsync("c-batch", "{appRef: web}", Sim(0, 3600));
        await world.DriveAsync(async () => (await world.StateAsync(running))?.Phase == "Running", TimeSpan.FromMinutes(5));
        world.Time.Advance(TimeSpan.FromMinutes(10));

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EcsctlProgram.MainAsync(["--state-dir", world.Root, "get", "jobs"], TextReader.Null, stdout, stderr, world.Time, default);

        Assert.True(code == 0, stderr.ToString());
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^NAME\s+PHASE\s+EXIT\s+ATTEMPTS\s+DURATION\s+AGE$", lines[0]);
        Assert.Matches(@"^a-migrate\s+Succeeded\s+0\s+1\s+3\ds\s+1\dm$", lines[1]);
        Assert.Matches(@"^b-report\s+Failed\s+3\s+1\s+4\ds\s+1\dm$", lines[2]);
        Assert.Matches(@"^c-batch\s+Running\s+-\s+1\s+10m\s+10m$", lines[3]);
    }
}
