using EcsOperator.Aws.Resilience;
using EcsOperator.Core.Controller.Metrics;

namespace EcsOperator.Backends;

/// <summary>Feeds the AWS clients' per-call events into the operator's metrics: throttles the retry layer absorbed,
/// and every Auto Scaling, CloudWatch and Logs call (ECS calls are counted by <see cref="MeteredEcsApi"/>).</summary>
internal sealed class MetricsObserver(OperatorMetrics metrics) : IAwsCallObserver
{
    public void OnCall(AwsCallEvent call)
    {
        if (call.Throttled) metrics.RecordAwsCall(call.Service, call.Action, "throttled-retried");
        if (call.Service != "ecs") metrics.RecordAwsCall(call.Service, call.Action, call.Outcome == "ok" ? "ok" : "error");
    }
}
