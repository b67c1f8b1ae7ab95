using EcsOperator.Core.Aws;
using EcsOperator.TestUtilities.Contracts.Ecs;
using EcsOperator.TestUtilities.Simulation;

namespace EcsOperator.Simulator.Tests.Contracts;

/// <summary>Shared setup: one simulated cloud per test on a fake clock, tasks on default timings.</summary>
internal static class SimulatorContractSetup
{
    public static SimulatedTestCloud NewCloud() => new SimulatedCloudBuilder().Build();

    public static Task Settle(SimulatedTestCloud sim)
    {
        sim.Advance(TimeSpan.FromMinutes(2));
        return Task.CompletedTask;
    }
}

public sealed class SimulatorTaskDefinitionContract : EcsTaskDefinitionContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult(_sim.Ecs);
    protected override Task CreateClusterAsync(string name) { _sim.Control.CreateCluster(name); return Task.CompletedTask; }
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => Task.FromResult(_sim.Control.RegisterContainerInstance(cluster));
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorServiceContract : EcsServiceContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult(_sim.Ecs);
    protected override Task CreateClusterAsync(string name) { _sim.Control.CreateCluster(name); return Task.CompletedTask; }
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => Task.FromResult(_sim.Control.RegisterContainerInstance(cluster));
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorTaskContract : EcsTaskContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult(_sim.Ecs);
    protected override Task CreateClusterAsync(string name) { _sim.Control.CreateCluster(name); return Task.CompletedTask; }
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => Task.FromResult(_sim.Control.RegisterContainerInstance(cluster));
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorContainerInstanceContract : ContainerInstanceContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult(_sim.Ecs);
    protected override Task CreateClusterAsync(string name) { _sim.Control.CreateCluster(name); return Task.CompletedTask; }
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => Task.FromResult(_sim.Control.RegisterContainerInstance(cluster));
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorAutoScalingContract : AutoScalingContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = new SimulatedCloudBuilder().WithCluster("asg-cluster").Build();
    protected override Task<IAutoScalingApi> CreateAutoScalingAsync() => Task.FromResult(_sim.Cloud.AutoScaling);
    protected override Task CreateAutoScalingGroupAsync(string name, int minSize, int maxSize, int desiredCapacity)
    {
        _sim.Control.CreateAutoScalingGroup(name, "asg-cluster", minSize, maxSize, desiredCapacity, launchImmediately: true);
        return Task.CompletedTask;
    }
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorAlarmContract : AlarmContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IAlarmApi> CreateAlarmsAsync() => Task.FromResult(_sim.Cloud.Alarms);
    protected override Task SetAlarmStateAsync(string alarmName, string state, string reason)
    {
        _sim.Control.SetAlarmState(alarmName, state, reason);
        return Task.CompletedTask;
    }
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorLogsContract : LogsContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<ILogsApi> CreateLogsAsync() => Task.FromResult(_sim.Cloud.Logs);
    protected override Task PutLogEventsAsync(string group, string stream, IReadOnlyList<string> messages)
    {
        _sim.Control.PutLogEvents(group, stream, messages);
        return Task.CompletedTask;
    }
    public void Dispose() => _sim.Dispose();
}

public sealed class SimulatorClusterContract : EcsClusterContract, IDisposable
{
    private readonly SimulatedTestCloud _sim = SimulatorContractSetup.NewCloud();
    protected override Task<IEcsApi> CreateEcsAsync() => Task.FromResult(_sim.Ecs);
    protected override Task CreateClusterAsync(string name) { _sim.Control.CreateCluster(name); return Task.CompletedTask; }
    protected override Task<string> RegisterContainerInstanceAsync(string cluster) => Task.FromResult(_sim.Control.RegisterContainerInstance(cluster));
    protected override Task SettleAsync() => SimulatorContractSetup.Settle(_sim);
    public void Dispose() => _sim.Dispose();
}
