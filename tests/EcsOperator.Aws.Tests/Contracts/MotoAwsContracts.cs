using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Contracts;

/// <summary>The Auto Scaling, alarm and logs contract suites against the wire clients on moto (one moto per class;
/// groups, alarms and log groups are named per test).</summary>
[Collection(MotoContractsCollection.Name)]
public sealed class MotoAutoScalingContract(MotoServer moto) : AutoScalingContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? DesiredCapacityBoundsUnsupportedReason => MotoGaps.DesiredCapacityBounds;
    protected override Task<IAutoScalingApi> CreateAutoScalingAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).AutoScaling);
    protected override Task CreateAutoScalingGroupAsync(string name, int minSize, int maxSize, int desiredCapacity) =>
        MotoContractSetup.CreateAutoScalingGroupAsync(moto, name, minSize, maxSize, desiredCapacity);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoAlarmContract(MotoServer moto) : AlarmContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override Task<IAlarmApi> CreateAlarmsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Alarms);
    protected override Task SetAlarmStateAsync(string alarmName, string state, string reason) =>
        MotoContractSetup.SetAlarmStateAsync(moto, alarmName, state, reason);
    public void Dispose() => _aws?.Dispose();
}

[Collection(MotoContractsCollection.Name)]
public sealed class MotoLogsContract(MotoServer moto) : LogsContract, IDisposable
{
    private AwsClientSet? _aws;
    protected override string? StreamPrefixFilterUnsupportedReason => MotoGaps.StreamPrefixFilter;
    protected override Task<ILogsApi> CreateLogsAsync() => Task.FromResult((_aws = MotoContractSetup.Clients(moto)).Logs);
    protected override Task PutLogEventsAsync(string group, string stream, IReadOnlyList<string> messages) =>
        MotoContractSetup.PutLogEventsAsync(moto, group, stream, messages);
    public void Dispose() => _aws?.Dispose();
}
