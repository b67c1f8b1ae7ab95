using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Resilience;

/// <summary>
/// An in-process ECS (the simulator) behind the pipelines the wire client uses: each call waits for a token of its
/// ECS throttle category, and throttling, 5xx and transport faults are retried with backoff by Polly, the only retry
/// layer. The buckets are <see cref="AwsClientOptions.Buckets"/>, normally built from <see cref="EcsThrottleTable"/>.
/// </summary>
public sealed class ResilientEcsApi : IEcsApi, IDisposable
{
    private readonly IEcsApi _inner;
    private readonly AwsCallRunner _runner;

    public ResilientEcsApi(IEcsApi inner, AwsClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _runner = new AwsCallRunner(options, time);
    }

    public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct) =>
        _runner.RunAsync("ecs", action, AwsApiGroup.ForEcsAction(action), t => _inner.SendAsync(action, request, t), ct);

    public void Dispose() => _runner.Dispose();
}
