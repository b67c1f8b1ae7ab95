using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.Metrics;

namespace EcsOperator.Backends;

/// <summary>
/// Client-side pacing for an in-process ECS (the simulator): the buckets of <see cref="EcsThrottleTable"/>, burst and
/// refill multiplied by <paramref name="rateFactor"/> exactly as the simulator multiplies its own, so calls wait for a
/// token instead of being throttled. What gets throttled anyway (other clients share the simulator's buckets) is
/// retried by the same Polly pipeline the wire client uses; there is no retry loop here.
/// </summary>
internal sealed class PacedEcsApi(IEcsApi inner, TimeProvider time, double rateFactor, OperatorMetrics? metrics = null) : IEcsApi, IDisposable
{
    private readonly ResilientEcsApi paced = new(inner, new AwsClientOptions
    {
        Buckets = AwsClientOptions.EcsBuckets(EcsThrottleTable.Scaled(rateFactor)),
        Observer = metrics is null ? null : new MetricsObserver(metrics),
        AttemptTimeout = Timeout.InfiniteTimeSpan, // in-process: no network to hang on
    }, time);

    public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct) => paced.SendAsync(action, request, ct);

    public void Dispose() => paced.Dispose();
}
