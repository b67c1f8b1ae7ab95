using EcsOperator.Core.Aws;

namespace EcsOperator.TestUtilities.Contracts.Ecs;

/// <summary>CloudWatch alarm states as the operator reads them.</summary>
public abstract class AlarmContract : IAsyncLifetime
{
    protected IAlarmApi Alarms { get; private set; } = null!;

    protected abstract Task<IAlarmApi> CreateAlarmsAsync();

    /// <summary>Creates the alarm if needed and sets its state (OK, ALARM, INSUFFICIENT_DATA).</summary>
    protected abstract Task SetAlarmStateAsync(string alarmName, string state, string reason);

    public async Task InitializeAsync() => Alarms = await CreateAlarmsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Alarm_states_are_described_and_missing_alarms_are_absent()
    {
        var high = "contract-high-" + Guid.NewGuid().ToString("N")[..8];
        var low = "contract-low-" + Guid.NewGuid().ToString("N")[..8];
        await SetAlarmStateAsync(high, "ALARM", "cpu above 80");
        await SetAlarmStateAsync(low, "OK", "cpu fine");

        var found = await Alarms.DescribeAlarmsAsync([high, low, "contract-missing-" + high], CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Equal("ALARM", found.Single(a => a.AlarmName == high).StateValue);
        Assert.Equal("OK", found.Single(a => a.AlarmName == low).StateValue);
    }

    [Fact]
    public async Task A_state_change_is_seen_on_the_next_describe()
    {
        var name = "contract-flip-" + Guid.NewGuid().ToString("N")[..8];
        await SetAlarmStateAsync(name, "OK", "quiet");
        await SetAlarmStateAsync(name, "ALARM", "busy");

        var a = Assert.Single(await Alarms.DescribeAlarmsAsync([name], CancellationToken.None));

        Assert.Equal("ALARM", a.StateValue);
        Assert.Equal("busy", a.StateReason);
    }
}
