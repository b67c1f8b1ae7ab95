using System.Collections.Concurrent;
using EcsOperator.Aws.Resilience;

namespace EcsOperator.Aws.Tests.Resilience;

/// <summary>Keeps every call event (the host would export them as metrics).</summary>
internal sealed class RecordingObserver : IAwsCallObserver
{
    public ConcurrentQueue<AwsCallEvent> Calls { get; } = new();

    public void OnCall(AwsCallEvent call) => Calls.Enqueue(call);
}
