using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator.Api;

/// <summary>Errors injected by tests: one-shot failures queued per action, and a random error rate per action.</summary>
internal sealed class FaultInjector(int seed)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<AwsApiException>> _oneShots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Rate, string Code)> _rates = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed);

    public void FailNext(string action, AwsApiException error, int times)
    {
        lock (_gate)
        {
            if (!_oneShots.TryGetValue(action, out var q)) _oneShots[action] = q = new Queue<AwsApiException>();
            for (var i = 0; i < times; i++) q.Enqueue(error);
        }
    }

    public void SetErrorRate(string action, double rate, string code)
    {
        lock (_gate)
        {
            if (rate <= 0) _rates.Remove(action);
            else _rates[action] = (Math.Min(rate, 1.0), code);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _oneShots.Clear();
            _rates.Clear();
        }
    }

    /// <summary>The error to throw for this call, if any ("*" entries apply to every action).</summary>
    public AwsApiException? Next(string action)
    {
        lock (_gate)
        {
            foreach (var key in new[] { action, "*" })
            {
                if (_oneShots.TryGetValue(key, out var q) && q.Count > 0) return q.Dequeue();
            }
            foreach (var key in new[] { action, "*" })
            {
                if (_rates.TryGetValue(key, out var r) && _random.NextDouble() < r.Rate)
                    return AwsApiException.From(r.Code, "Injected fault: " + r.Code, r.Code is "ServerException" or "InternalFailure" or "ServiceUnavailable" ? 500 : 400);
            }
            return null;
        }
    }
}
