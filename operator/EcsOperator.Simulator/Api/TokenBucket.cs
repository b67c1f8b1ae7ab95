namespace EcsOperator.Simulator.Api;

/// <summary>A token bucket on the simulation's TimeProvider: <c>Burst</c> tokens, refilled at <c>RatePerSecond</c>.</summary>
internal sealed class TokenBucket(double burst, double ratePerSecond, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _last = now;

    public double Burst { get; } = burst;

    public double RatePerSecond { get; } = ratePerSecond;

    public bool TryTake(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(Burst, _tokens + (now - _last).TotalSeconds * RatePerSecond);
            _last = now;
        }
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}

/// <summary>ECS's documented request throttles per action group (account and region wide).</summary>
internal sealed class EcsThrottles
{
    public const string TaskDefinitionModify = "TaskDefinitionModify";
    public const string ServiceModify = "ServiceModify";
    public const string ClusterModify = "ClusterModify";
    public const string Read = "Read";

    private readonly Dictionary<string, TokenBucket> _buckets;
    private readonly object _gate = new();

    public EcsThrottles(double factor, DateTimeOffset now)
    {
        var f = factor > 0 ? factor : 1.0;
        _buckets = new Dictionary<string, TokenBucket>(StringComparer.Ordinal)
        {
            [TaskDefinitionModify] = new(Math.Max(1, 20 * f), 1 * f, now),
            [ServiceModify] = new(Math.Max(1, 50 * f), 5 * f, now),
            [ClusterModify] = new(Math.Max(1, 100 * f), 40 * f, now),
            [Read] = new(Math.Max(1, 100 * f), 20 * f, now),
        };
    }

    /// <summary>Which bucket an ECS action draws from.</summary>
    public static string GroupOf(string action) => action switch
    {
        "RegisterTaskDefinition" or "DeregisterTaskDefinition" => TaskDefinitionModify,
        "CreateService" or "UpdateService" or "DeleteService" => ServiceModify,
        _ when action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal) => Read,
        _ => ClusterModify,
    };

    public bool TryAcquire(string action, DateTimeOffset now)
    {
        lock (_gate) return _buckets[GroupOf(action)].TryTake(now);
    }
}
