using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>Retry exhaustion and cancellation, with a fault injector that never forwards (no server needed).</summary>
public sealed class RetryAndCancellationTests
{
    private static AwsClientSet Clients(FaultInjectingHandler faults, IAwsCallObserver observer, int maxRetries) => AwsClients.Create(
        new AwsConnection("us-east-1", null, "http://127.0.0.1:9"),
        TimeProvider.System,
        new AwsClientOptions
        {
            MaxRetries = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            Credentials = new BasicAWSCredentials("testing", "testing"),
            Observer = observer,
            WrapHandler = faults.Wrap,
        });

    [Fact]
    public async Task Persistent_throttling_surfaces_as_a_typed_throttling_error_after_the_retries()
    {
        var faults = new FaultInjectingHandler(faultShare: 1.0, throttleOnly: true);
        var observer = new RecordingObserver();
        using var aws = Clients(faults, observer, maxRetries: 3);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Alarms.DescribeAlarmsAsync(["a"], default));
        Assert.Equal((AwsErrorKind.Throttling, "Throttling"), (e.Kind, e.Code));
        var call = Assert.Single(observer.Calls);
        Assert.Equal(4, call.Attempts);
        Assert.Equal("monitoring", call.Service);
    }

    [Fact]
    public async Task Cancellation_stops_a_hung_call_promptly()
    {
        var faults = new FaultInjectingHandler(faultShare: 0) { Hang = 1000 };
        var observer = new RecordingObserver();
        using var aws = Clients(faults, observer, maxRetries: 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            aws.Ecs.SendAsync("ListClusters", new JsonObject(), cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("cancelled", Assert.Single(observer.Calls).Outcome);
    }

    [Fact]
    public async Task A_throwing_observer_does_not_change_the_outcome()
    {
        using var aws = Clients(new FaultInjectingHandler(faultShare: 1.0, throttleOnly: true), new ThrowingObserver(), maxRetries: 0);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => aws.Logs.FilterLogEventsAsync("/g", null, null, null, default));
        Assert.Equal(AwsErrorKind.Throttling, e.Kind);
    }

    private sealed class ThrowingObserver : IAwsCallObserver
    {
        public void OnCall(AwsCallEvent call) => throw new InvalidOperationException("metrics backend down");
    }
}
