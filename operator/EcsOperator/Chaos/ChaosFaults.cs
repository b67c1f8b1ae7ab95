using System.Collections.Concurrent;
using EcsOperator.Simulator;

namespace EcsOperator.Chaos;

/// <summary>
/// The ECS faults of a chaos run, switched on and off in bursts through <see cref="SimulatorControl"/>: 5xx on a share
/// of calls, throttling on a share of calls, added latency, and answers lost after the call took effect. Counts what
/// the operators met.
/// </summary>
internal sealed class ChaosFaults(SimulatorControl control, Random random)
{
    private readonly ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private double loseRate;

    public IReadOnlyDictionary<string, long> Counts => seen;

    public bool Active { get; private set; }

    public void Seen(string what) => seen.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>True when this answer is to be lost (counted).</summary>
    public bool LoseResponse()
    {
        lock (gate)
        {
            if (loseRate <= 0 || random.NextDouble() >= loseRate) return false;
        }
        Seen("lost-response");
        return true;
    }

    /// <summary>Starts one burst of a fault chosen at random; returns what it is.</summary>
    public string StartBurst()
    {
        int kind;
        double rate;
        lock (gate)
        {
            kind = random.Next(4);
            rate = 0.1 + random.NextDouble() * 0.3;
        }
        Active = true;
        Seen("bursts");
        Seen("burst:" + (kind switch { 0 => "5xx", 1 => "throttling", 2 => "latency", _ => "lost responses" }));
        switch (kind)
        {
            case 0:
                control.SetErrorRate("*", rate, "ServerException");
                return $"5xx on {rate:P0} of calls";
            case 1:
                control.SetErrorRate("*", rate, "ThrottlingException");
                return $"throttling on {rate:P0} of calls";
            case 2:
                control.SetLatency(TimeSpan.FromMilliseconds(100 + (int)(rate * 1000)));
                return $"latency {100 + (int)(rate * 1000)} ms";
            default:
                lock (gate) loseRate = rate;
                return $"lost responses on {rate:P0} of mutating calls";
        }
    }

    public void StopAll()
    {
        control.ClearFaults();
        control.SetLatency(TimeSpan.Zero);
        lock (gate) loseRate = 0;
        Active = false;
    }
}
