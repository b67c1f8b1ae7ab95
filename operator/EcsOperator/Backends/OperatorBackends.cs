using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller.Metrics;
using EcsOperator.Core.Preflight;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Scaling;
using EcsOperator.Core.Store;
using EcsOperator.Simulator;

namespace EcsOperator.Backends;

/// <summary>What the operator talks to: the store (with events and leases), the job queue, and the cloud APIs.
/// Each is selected independently (local or DynamoDB store, local or SQS queue, simulated or AWS ECS).</summary>
internal sealed record OperatorBackends(
    IResourceStore Store,
    IEventStore Events,
    ILeaseStore Leases,
    IJobQueue? Queue,
    IEcsApi Ecs,
    IAutoScalingApi? AutoScaling,
    IAlarmApi? Alarms,
    ILogsApi? Logs) : IDisposable
{
    /// <summary>The operator's metrics; created with the backends so the AWS clients' retry layer can report throttles.</summary>
    public OperatorMetrics Metrics { get; init; } = new();

    /// <summary>The simulated cloud when ECS is simulated (disposed with the backends: flushes its state).</summary>
    public SimulatedCloud? Cloud { get; init; }

    /// <summary>Reads SQS queue depths for ScalePolicy queueTriggers (AWS only; without it those triggers hold and say why).</summary>
    public IQueueDepthReader? QueueDepth { get; init; }

    /// <summary>The one AWS region this operator serves (documents for another are refused); null accepts any.</summary>
    public string? Region { get; init; }

    /// <summary>Ownership claims (task-definition families): kept by the store that keeps the leases.</summary>
    public IClaimStore Claims => Leases as IClaimStore
        ?? throw new InvalidOperationException($"the lease store {Leases.GetType().Name} keeps no ownership claims");

    /// <summary>The queue AWS events arrive on (EventBridge → SQS, or a local directory); null runs on polls alone.</summary>
    public IJobQueue? EventsQueue { get; init; }

    /// <summary>Looks up what a rollout needs (images, roles, secrets, log groups, subnets, security groups) before it
    /// starts; null (simulated ECS: nothing real to look in) checks nothing.</summary>
    public IPreflightProbe? Preflight { get; init; }

    /// <summary>Delivers notifications (SNS and webhooks of the AWS account); null in local mode, where only webhooks
    /// with URLs from environment variables work.</summary>
    public Aws.Notifications.INotificationSender? NotificationSender { get; init; }

    /// <summary>Other things to dispose with the backends (AWS client sets).</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    public void Dispose()
    {
        Cloud?.Dispose();
        foreach (var d in Owned) d.Dispose();
    }
}
