namespace EcsOperator.Core.Aws;

/// <summary>CloudWatch alarms (Query protocol on the wire). Read-only: the operator only looks at states.</summary>
public interface IAlarmApi
{
    /// <summary>The named alarms that exist (missing names are simply absent), batched 100 names per call inside.</summary>
    Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct);
}

/// <param name="StateValue">OK, ALARM or INSUFFICIENT_DATA.</param>
public sealed record AlarmInfo(string AlarmName, string StateValue, string? StateReason, DateTimeOffset StateUpdatedAt);
