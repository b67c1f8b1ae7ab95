using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator;

/// <summary>Fault injection, throttles and latency.</summary>
public sealed partial class SimulatorControl
{
    /// <summary>The next <paramref name="times"/> calls of <paramref name="action"/> ("*" = any action, any API) fail with this error.</summary>
    public void FailNext(string action, string code = "ServerException", string message = "Injected failure", int times = 1) =>
        _guard.Faults.FailNext(action, AwsApiException.From(code, message, code is "ServerException" or "InternalFailure" or "ServiceUnavailable" ? 500 : 400), times);

    /// <summary>Each call of <paramref name="action"/> ("*" = all) fails with probability <paramref name="rate"/> (0 turns it off).</summary>
    public void SetErrorRate(string action, double rate, string code = "ServerException") => _guard.Faults.SetErrorRate(action, rate, code);

    public void ClearFaults() => _guard.Faults.Clear();

    /// <summary>ECS's token buckets on or off.</summary>
    public void SetThrottling(bool enabled) => _guard.ThrottlingEnabled = enabled;

    /// <summary>Rebuilds the buckets (full) with every burst and refill rate multiplied by <paramref name="factor"/>.</summary>
    public void SetThrottleRateFactor(double factor) => _guard.SetRateFactor(factor);

    /// <summary>Delay added to every call, through the TimeProvider.</summary>
    public void SetLatency(TimeSpan latency) => _guard.Latency = latency;

    /// <summary>Runs due transitions (same as <see cref="SimulatedCloud.Advance"/>).</summary>
    public void Advance() => _cloud.Advance();
}
