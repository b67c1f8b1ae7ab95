using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Core.Controller.Metrics;

/// <summary>Counts every ECS call by action and outcome (ok / throttled / error), and notes the first call per service name.</summary>
public sealed class MeteredEcsApi(IEcsApi inner, OperatorMetrics metrics) : IEcsApi
{
    /// <summary>Called before each call with the action and request (the benchmark uses it to time change latency).</summary>
    public Action<string, JsonObject>? OnCall { get; set; }

    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        OnCall?.Invoke(action, request);
        try
        {
            var resp = await inner.SendAsync(action, request, ct);
            metrics.RecordAwsCall("ecs", action, "ok");
            return resp;
        }
        catch (AwsApiException e)
        {
            metrics.RecordAwsCall("ecs", action, e.Kind == AwsErrorKind.Throttling ? "throttled" : "error");
            throw;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            metrics.RecordAwsCall("ecs", action, "error");
            throw;
        }
    }
}
