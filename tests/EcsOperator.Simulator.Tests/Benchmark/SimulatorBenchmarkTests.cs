namespace EcsOperator.Simulator.Tests.Benchmark;

public sealed class SimulatorBenchmarkTests
{
    [Fact]
    public void A_small_run_builds_the_cluster_and_prints_its_rates()
    {
        var output = new StringWriter();

        SimulatorBenchmark.Run(output, services: 30, tasksPerService: 4, measureFor: TimeSpan.FromMilliseconds(50));

        var text = output.ToString();
        Assert.Contains("built 30 services / 120 tasks", text);
        Assert.Contains("DescribeServices(10 names)", text);
        Assert.Contains("DescribeTasks(100 ARNs)", text);
    }
}
