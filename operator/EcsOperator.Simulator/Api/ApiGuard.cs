using EcsOperator.Simulator.Ecs;

namespace EcsOperator.Simulator.Api;

/// <summary>What stands in front of every simulated API: latency, injected faults, ECS's token buckets.</summary>
internal sealed class ApiGuard
{
    private readonly TimeProvider _time;

    public ApiGuard(SimulatorOptions options, TimeProvider time)
    {
        _time = time;
        Faults = new FaultInjector(options.RandomSeed);
        Latency = options.Latency;
        ThrottlingEnabled = options.ThrottlingEnabled;
        Throttles = new EcsThrottles(options.ThrottleRateFactor, time.GetUtcNow());
    }

    public FaultInjector Faults { get; }

    public TimeSpan Latency { get; set; }

    public bool ThrottlingEnabled { get; set; }

    public EcsThrottles Throttles { get; private set; }

    public void SetRateFactor(double factor) => Throttles = new EcsThrottles(factor, _time.GetUtcNow());

    /// <param name="ecsThrottled">True for ECS actions, which draw from ECS's buckets; the other simulated APIs are not throttled.</param>
    public async Task BeforeCallAsync(string action, bool ecsThrottled, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, _time, ct);
        if (Faults.Next(action) is { } fault) throw fault;
        if (ThrottlingEnabled && ecsThrottled && !Throttles.TryAcquire(action, _time.GetUtcNow())) throw EcsErrors.Throttled();
    }
}
