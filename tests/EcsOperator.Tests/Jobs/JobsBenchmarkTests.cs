using Xunit.Abstractions;

namespace EcsOperator.Tests.Jobs;

public sealed class JobsBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>Set to 1 to run the full-size benchmark (1,000 messages at ECS's real RunTask rates; minutes of local-store I/O).</summary>
    public const string FullSizeVariable = "ECS_OPERATOR_JOBS_BENCHMARK";

    /// <summary>The same shape as the full benchmark, scaled down: 60 messages against a bucket of 3 burst + 1.6/s keeps the
    /// launch phase throttle-bound (about 36 s simulated) while doing 1/16 of the store I/O.</summary>
    [Fact]
    public async Task Queued_jobs_each_run_exactly_once_at_the_throttle_bound()
    {
        var result = await RunAsync(60, 0.04);
        Assert.InRange(result.Ratio, 0.9, 1.5);
    }

    [SkippableFact]
    public async Task A_thousand_queued_jobs_each_run_exactly_once()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(FullSizeVariable) == "1", $"set {FullSizeVariable}=1 to run the 1,000-message benchmark");
        await RunAsync(1000, 1.0);
    }

    private async Task<JobsBenchmark.Result> RunAsync(int messages, double factor)
    {
        using var writer = new StringWriter();
        var result = await JobsBenchmark.RunAsync(writer, messages, factor);
        output.WriteLine(writer.ToString());
        Assert.Equal(messages, result.Jobs);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(messages, result.TasksLaunched);
        return result;
    }
}
