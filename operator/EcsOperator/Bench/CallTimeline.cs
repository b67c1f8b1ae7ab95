using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;

namespace EcsOperator.Bench;

/// <summary>
/// Sits directly in front of the simulated ECS (behind the operator's client-side pacing) and notes when each call
/// reached it and whether ECS throttled it, so the benchmark can say where a cold start spends its time.
/// </summary>
internal sealed class CallTimeline(IEcsApi inner) : IEcsApi
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(double At, string? Name)>> accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> throttled = new(StringComparer.Ordinal);
    private long origin = Stopwatch.GetTimestamp();

    /// <summary>Starts the clock again and forgets every call noted so far.</summary>
    public void Reset()
    {
        accepted.Clear();
        throttled.Clear();
        origin = Stopwatch.GetTimestamp();
    }

    /// <summary>Seconds since <see cref="Reset"/>.</summary>
    public double Now => Stopwatch.GetElapsedTime(origin).TotalSeconds;

    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        var at = Now;
        try
        {
            var resp = await inner.SendAsync(action, request, ct);
            var name = request.Str("serviceName") ?? request.Str("family");
            accepted.GetOrAdd(action, _ => new ConcurrentQueue<(double, string?)>()).Enqueue((at, name));
            return resp;
        }
        catch (AwsApiException e) when (e.Kind == AwsErrorKind.Throttling)
        {
            throttled.AddOrUpdate(action, 1, (_, n) => n + 1);
            throw;
        }
    }

    /// <summary>Times (seconds since <see cref="Reset"/>) at which ECS accepted <paramref name="action"/>, in order.</summary>
    public IReadOnlyList<double> Accepted(string action) =>
        accepted.TryGetValue(action, out var q) ? [.. q.Select(c => c.At).Order()] : [];

    /// <summary>When ECS last accepted <paramref name="action"/> for each service or family name.</summary>
    public IReadOnlyDictionary<string, double> AcceptedByName(string action) =>
        accepted.TryGetValue(action, out var q)
            ? q.Where(c => c.Name is not null).GroupBy(c => c.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(c => c.At), StringComparer.Ordinal)
            : new Dictionary<string, double>();

    public int Throttled(string action) => throttled.GetValueOrDefault(action);

    /// <summary>Calls accepted by action, and how many ECS throttled.</summary>
    public IEnumerable<(string Action, int Ok, int Throttled)> Counts() =>
        accepted.Keys.Union(throttled.Keys).Order(StringComparer.Ordinal)
            .Select(a => (a, accepted.TryGetValue(a, out var q) ? q.Count : 0, Throttled(a)));
}
