using System.Globalization;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// Staged maximums: with [10, 25] the count stays at or below 10; once it has stood at 10 for the cooldown the
/// next stage (25) opens. The timer runs while the count stands exactly at a non-top ceiling and resets otherwise.
/// </summary>
internal sealed class StagedCeilings
{
    private readonly int[] _ceilings;
    private readonly TimeSpan _cooldown;

    public StagedCeilings(IReadOnlyList<int> maxTaskCount, int cooldownSeconds)
    {
        _ceilings = [.. maxTaskCount.Where(c => c >= 0).Distinct().Order()];
        if (_ceilings.Length == 0) _ceilings = [int.MaxValue];
        _cooldown = TimeSpan.FromSeconds(Math.Max(0, cooldownSeconds));
    }

    public int Top => _ceilings[^1];

    /// <summary>The timer after the count is (or stays) at <paramref name="count"/>.</summary>
    public CeilingTimer? Track(CeilingTimer? timer, int count, DateTimeOffset now)
    {
        var stage = Array.IndexOf(_ceilings, count);
        if (stage < 0 || stage == _ceilings.Length - 1) return null;
        return timer is not null && timer.Ceiling == count && timer.ReachedAt <= now ? timer : new CeilingTimer(count, now);
    }

    /// <summary>The ceiling that applies to a change away from <paramref name="count"/>, given the tracked timer.</summary>
    public CeilingInForce InForce(int count, CeilingTimer? timer, DateTimeOffset now)
    {
        var stage = Array.FindIndex(_ceilings, c => count <= c);
        if (stage < 0)
        {
            return new CeilingInForce(Top, _ceilings.Length - 1,
                $"above the top ceiling {Fmt(Top)}: pulled down", null);
        }

        var ceiling = _ceilings[stage];
        var name = $"stage {stage + 1} of {_ceilings.Length} (maxTaskCount[{stage}] = {Fmt(ceiling)})";
        if (stage == _ceilings.Length - 1) return new CeilingInForce(ceiling, stage, name + ", the top ceiling", null);
        if (count < ceiling) return new CeilingInForce(ceiling, stage, name, null);

        var since = timer?.Ceiling == ceiling ? timer.ReachedAt : now;
        var unlocksAt = since + _cooldown;
        if (now >= unlocksAt)
        {
            var next = _ceilings[stage + 1];
            return new CeilingInForce(next, stage + 1,
                $"stage {stage + 2} (maxTaskCount[{stage + 1}] = {Fmt(next)}) unlocked: at {Fmt(ceiling)} since {Iso(since)}, cooldown {(int)_cooldown.TotalSeconds}s passed", null);
        }

        return new CeilingInForce(ceiling, stage,
            $"{name}: at the ceiling since {Iso(since)}, next stage {Fmt(_ceilings[stage + 1])} unlocks at {Iso(unlocksAt)}", unlocksAt);
    }

    private static string Fmt(int n) => n == int.MaxValue ? "unbounded" : n.ToString(CultureInfo.InvariantCulture);

    internal static string Iso(DateTimeOffset t) => Model.Rfc3339.Format(t);
}
