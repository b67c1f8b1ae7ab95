using EcsOperator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Simulation;

/// <summary>
/// Builds a simulated cloud for tests in one line: a FakeTimeProvider, throttles off, clusters with N container
/// instances. <c>new SimulatedCloudBuilder().WithCluster("default", instances: 3).Build()</c>.
/// </summary>
public sealed class SimulatedCloudBuilder
{
    private readonly List<(string Name, int Instances, string Type)> _clusters = [];
    private readonly List<(string Name, string Cluster, int Min, int Max, int Desired, string Type)> _groups = [];

    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public SimulatorOptions Options { get; } = new() { ThrottlingEnabled = false };

    public FakeTimeProvider? Time { get; private set; }

    public SimulatedCloudBuilder WithTime(FakeTimeProvider time)
    {
        Time = time;
        return this;
    }

    /// <summary>A cluster with <paramref name="instances"/> ACTIVE container instances spread over three AZs.</summary>
    public SimulatedCloudBuilder WithCluster(string name = "default", int instances = 0, string instanceType = "m5.large")
    {
        _clusters.Add((name, instances, instanceType));
        return this;
    }

    /// <summary>An Auto Scaling group registering into <paramref name="cluster"/>; initial instances are InService at once.</summary>
    public SimulatedCloudBuilder WithAutoScalingGroup(string name, string cluster, int min, int max, int desired, string instanceType = "m5.large")
    {
        _groups.Add((name, cluster, min, max, desired, instanceType));
        return this;
    }

    public SimulatedCloudBuilder WithThrottling(bool enabled = true, double rateFactor = 1.0)
    {
        Options.ThrottlingEnabled = enabled;
        Options.ThrottleRateFactor = rateFactor;
        return this;
    }

    public SimulatedCloudBuilder WithTimings(TaskTimings timings)
    {
        Options.Timings = timings;
        return this;
    }

    /// <summary>Tasks reach RUNNING the instant they start and stop the instant they are stopped.</summary>
    public SimulatedCloudBuilder WithInstantTasks() => WithTimings(TaskTimings.Instant);

    public SimulatedCloudBuilder WithStateDirectory(string directory)
    {
        Options.StateDirectory = directory;
        return this;
    }

    public SimulatedCloudBuilder Configure(Action<SimulatorOptions> configure)
    {
        configure(Options);
        return this;
    }

    public SimulatedTestCloud Build()
    {
        var time = Time ?? new FakeTimeProvider(DefaultStart);
        var cloud = new SimulatedCloud(Options, time);
        foreach (var (name, instances, type) in _clusters)
        {
            cloud.Control.CreateCluster(name);
            for (var i = 0; i < instances; i++) cloud.Control.RegisterContainerInstance(name, type);
        }
        foreach (var g in _groups)
            cloud.Control.CreateAutoScalingGroup(g.Name, g.Cluster, g.Min, g.Max, g.Desired, g.Type, launchImmediately: true);
        return new SimulatedTestCloud(cloud, time);
    }
}

/// <summary>A simulated cloud plus its fake clock, with helpers to let simulated time pass.</summary>
public sealed class SimulatedTestCloud(SimulatedCloud cloud, FakeTimeProvider time) : IDisposable
{
    public SimulatedCloud Cloud { get; } = cloud;

    public FakeTimeProvider Time { get; } = time;

    public EcsOperator.Core.Aws.IEcsApi Ecs => Cloud.Ecs;

    public SimulatorControl Control => Cloud.Control;

    /// <summary>Moves the fake clock forward and runs every transition due.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Cloud.Advance();
    }

    /// <summary>Advances in <paramref name="step"/>s until <paramref name="condition"/> holds or <paramref name="limit"/> of simulated time passed.</summary>
    public async Task<bool> AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromSeconds(5);
        for (var passed = TimeSpan.Zero; passed <= limit; passed += s)
        {
            if (await condition()) return true;
            Advance(s);
        }
        return await condition();
    }

    public void Dispose() => Cloud.Dispose();
}
