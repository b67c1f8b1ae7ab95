using EcsOperator.Core.Aws;
using EcsOperator.Simulator.Api;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Alarms;

/// <summary>CloudWatch alarms whose states tests and local users set through <see cref="SimulatorControl"/>.</summary>
internal sealed class SimulatedAlarmApi(SimWorld world, ApiGuard guard, string? directory) : IAlarmApi
{
    private DateTime _fileStamp;

    public async Task<IReadOnlyList<AlarmInfo>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken ct)
    {
        await guard.BeforeCallAsync("DescribeAlarms", ecsThrottled: false, ct);
        lock (world.Gate)
        {
            world.Advance();
            ApplyStateFile();
            return alarmNames.Distinct(StringComparer.Ordinal)
                .Where(world.State.Alarms.ContainsKey)
                .Select(n => world.State.Alarms[n])
                .Select(a => new AlarmInfo(a.Name, a.State, a.Reason, a.UpdatedAt))
                .ToList();
        }
    }

    /// <summary>Alarm states a local user wrote to <see cref="AlarmStateFile"/> since the last look.</summary>
    private void ApplyStateFile()
    {
        if (directory is null) return;
        var path = Path.Combine(directory, AlarmStateFile.FileName);
        var stamp = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : default;
        if (stamp == _fileStamp) return;
        _fileStamp = stamp;
        foreach (var (name, state, reason) in AlarmStateFile.ReadAll(directory)) world.SetAlarm(name, state, reason);
    }
}
