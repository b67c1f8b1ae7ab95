using EcsOperator.Core.Aws;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Alarms;

/// <summary>CloudWatch alarms whose states tests and local users set through <see cref="SimulatorControl"/>.</summary>
internal sealed class SimulatedAlarmApi(SimWorld world, ApiGuard guard) : IAlarmApi
{
    public async Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct)
    {
        await guard.BeforeCallAsync("DescribeAlarms", null, ct);
        lock (world.Gate)
        {
            world.Advance();
            return alarmNames.Distinct(StringComparer.Ordinal)
                .Where(world.State.Alarms.ContainsKey)
                .Select(n => world.State.Alarms[n])
                .Select(a => new AlarmInfo(a.Name, a.State, a.Reason, a.UpdatedAt))
                .ToList();
        }
    }
}
