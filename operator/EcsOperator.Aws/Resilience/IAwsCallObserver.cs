namespace EcsOperator.Aws.Resilience;

/// <summary>Metrics hook: one event per logical AWS call (all attempts included). Must be cheap and must not throw.</summary>
public interface IAwsCallObserver
{
    void OnCall(AwsCallEvent call);
}

/// <param name="Service">ecs, autoscaling, monitoring, logs.</param>
/// <param name="Outcome"><c>ok</c>, or the AWS error code / <c>transport</c> / <c>timeout</c> / <c>cancelled</c> of the last attempt.</param>
/// <param name="Throttled">AWS answered with throttling on at least one attempt.</param>
/// <param name="BucketWait">Time spent waiting for the client-side token bucket.</param>
public sealed record AwsCallEvent(
    string Service, string Action, AwsApiGroup Group, string Outcome, TimeSpan Duration, int Attempts, bool Throttled, TimeSpan BucketWait);
