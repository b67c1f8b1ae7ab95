using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.Metrics;

namespace EcsOperator.Backends;

/// <summary>
/// Client-side pacing for an in-process ECS (the simulator): the same per-group token buckets ECS documents (times
/// <paramref name="rateFactor"/>), so calls wait for a token instead of being throttled, plus a few jittered retries
/// when ECS throttles anyway. The wire client has its own Polly pipeline; this gives the simulated backend the same shape.
/// </summary>
internal sealed class PacedEcsApi(IEcsApi inner, TimeProvider time, double rateFactor, OperatorMetrics? metrics = null) : IEcsApi
{
    private readonly Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal)
    {
        ["TaskDefinitionModify"] = new(20 * rateFactor, 1 * rateFactor, time),
        ["ServiceModify"] = new(50 * rateFactor, 5 * rateFactor, time),
        ["ClusterModify"] = new(100 * rateFactor, 40 * rateFactor, time),
        ["Read"] = new(100 * rateFactor, 20 * rateFactor, time),
    };

    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        var bucket = buckets[GroupOf(action)];
        for (var attempt = 0; ; attempt++)
        {
            var wait = bucket.Reserve();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
            try
            {
                return await inner.SendAsync(action, request, ct);
            }
            catch (AwsApiException e) when (e.IsTransient && attempt < 5)
            {
                metrics?.RecordAwsCall("ecs", action, e.Kind == AwsErrorKind.Throttling ? "throttled-retried" : "retried");
                var backoff = TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2));
                await Task.Delay(backoff, time, ct);
            }
        }
    }

    private static string GroupOf(string action) => action switch
    {
        EcsAction.RegisterTaskDefinition or EcsAction.DeregisterTaskDefinition => "TaskDefinitionModify",
        EcsAction.CreateService or EcsAction.UpdateService or EcsAction.DeleteService => "ServiceModify",
        _ when !EcsAction.IsMutating(action) => "Read",
        _ => "ClusterModify",
    };

    /// <summary>A token bucket that hands out reservations: how long until the reserved token exists.</summary>
    private sealed class Bucket(double burst, double perSecond, TimeProvider time)
    {
        private readonly Lock gate = new();
        private double tokens = Math.Max(1, burst);
        private DateTimeOffset last = time.GetUtcNow();

        public TimeSpan Reserve()
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (now > last)
                {
                    tokens = Math.Min(Math.Max(1, burst), tokens + (now - last).TotalSeconds * perSecond);
                    last = now;
                }
                tokens -= 1;
                return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
            }
        }
    }
}
