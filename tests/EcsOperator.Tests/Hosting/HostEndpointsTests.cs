using EcsOperator.Tests.EndToEnd;

namespace EcsOperator.Tests.Hosting;

public sealed class HostEndpointsTests : IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    [Fact]
    public async Task Health_readiness_and_prometheus_metrics_are_served_on_loopback()
    {
        var host = await w.StartOperatorAsync();
        await w.ApplyAsync("web", OperatorWorld.App("web"));
        await w.WaitForAsync("web", OperatorWorld.Available, "Available");
        var url = host.Urls.Single();
        Assert.StartsWith("http://127.0.0.1:", url);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        Assert.StartsWith("ready: leader", await http.GetStringAsync("/readyz"));
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("ecs_operator_reconciles_total{kind=\"App\",result=", metrics);
        Assert.Contains("ecs_operator_aws_calls_total{service=\"ecs\",action=\"CreateService\",outcome=\"ok\"} 1", metrics);
        Assert.Contains("ecs_operator_reconcile_duration_seconds_bucket{le=\"+Inf\"}", metrics);
        Assert.Contains("ecs_operator_queue_depth", metrics);
        Assert.Contains("ecs_operator_leader 1", metrics);
        // the runtime's own metrics, beside ours
        Assert.Matches(@"(?m)^process_cpu_seconds_total [0-9.e+-]+$", metrics);
        Assert.Matches(@"(?m)^dotnet_collection_count_total\{generation=""0""\} [0-9]+$", metrics);
        Assert.Matches(@"(?m)^process_working_set_bytes [1-9][0-9.e+]*$", metrics);
    }
}
