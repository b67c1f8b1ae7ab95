using System.Globalization;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Scaling;

/// <summary>
/// The alarm-, schedule- and queue-driven scaling rule, as a pure function of <see cref="ScaleInput"/>.
/// Order of a pass: idle time holds everything; triggers give a target (missing inputs hold the count); the
/// stage ceiling caps it; the minimum raises it; the top ceiling caps everything.
/// </summary>
public static class ScaleDecider
{
    public static ScaleDecision Decide(ScaleInput input)
    {
        var rules = input.Rules;
        var now = input.Now;
        var current = Math.Max(0, input.CurrentCount);
        var ceilings = new StagedCeilings(rules.MaxTaskCount, rules.CooldownTimeForReachMaxSeconds);
        var minimum = MinimumAt(rules, now, ceilings.Top);
        var timer = ceilings.Track(input.CeilingTimer, current, now);
        var ceiling = ceilings.InForce(current, timer, now);

        var idleUntil = input.LastScaleTime is { } last ? last + TimeSpan.FromSeconds(Math.Max(0, rules.IdleTimeSeconds)) : (DateTimeOffset?)null;
        if (idleUntil is { } until && now < until)
        {
            var idleMessage = $"idle after the change at {StagedCeilings.Iso(input.LastScaleTime!.Value)} until {StagedCeilings.Iso(until)}";
            return new ScaleDecision(current, current, "held: " + idleMessage, [], minimum, ceiling, timer, [], [],
            [
                new(ScaleConditions.AbleToScale, ConditionStatus.False, ScaleConditions.Idle, idleMessage),
            ], until, Earliest(until, ceiling.UnlocksAt));
        }

        var triggers = TriggerEvaluation.Evaluate(rules, input, current, minimum.Count);
        var reasons = new List<string>();
        int target;
        ScaleCondition active;
        if (triggers.MissingAlarms.Count > 0 || triggers.UnreadQueues.Count > 0)
        {
            target = current;
            var what = triggers.MissingAlarms.Count > 0
                ? $"alarm(s) not found: {string.Join(", ", triggers.MissingAlarms)}"
                : $"queue depth unavailable: {string.Join(", ", triggers.UnreadQueues)}";
            reasons.Add($"held at {current}: {what}");
            active = new(ScaleConditions.ScalingActive, ConditionStatus.False,
                triggers.MissingAlarms.Count > 0 ? ScaleConditions.AlarmNotFound : ScaleConditions.QueueUnavailable,
                what + "; the count is held (minimum and ceilings still apply)");
        }
        else
        {
            target = triggers.Target ?? current;
            reasons.Add(triggers.Summary);
            active = new(ScaleConditions.ScalingActive, ConditionStatus.True, ScaleConditions.TriggersEvaluated,
                triggers.Fired.Count == 0 ? "no trigger fired" : $"{triggers.Fired.Count(f => f.Counted)} trigger(s) counted");
        }

        var desired = target;
        var limited = new ScaleCondition(ScaleConditions.ScalingLimited, ConditionStatus.False, ScaleConditions.DesiredWithinRange, "the desired count is within range");
        if (desired > ceiling.Count)
        {
            var kind = ceiling.Count == ceilings.Top ? ScaleConditions.TopCeiling : ScaleConditions.StageCeiling;
            reasons.Add($"capped at {ceiling.Count}: {ceiling.Reason}");
            limited = new(ScaleConditions.ScalingLimited, ConditionStatus.True, kind, $"{target} capped at {ceiling.Count}: {ceiling.Reason}");
            desired = ceiling.Count;
        }
        if (desired < minimum.Count)
        {
            reasons.Add($"raised to the minimum {minimum.Count} ({minimum.Source})");
            limited = new(ScaleConditions.ScalingLimited, ConditionStatus.True, ScaleConditions.BelowMinimum,
                $"{desired} raised to the minimum {minimum.Count} from {minimum.Source}");
            desired = minimum.Count;
        }

        var timerAfter = ceilings.Track(timer, desired, now);
        var ceilingAfter = desired == current ? ceiling : ceilings.InForce(desired, timerAfter, now);
        var conditions = new List<ScaleCondition>
        {
            active,
            new(ScaleConditions.AbleToScale, ConditionStatus.True, ScaleConditions.ReadyForNewScale, "no idle time running"),
            limited,
        };
        var nextIdle = desired != current ? now + TimeSpan.FromSeconds(Math.Max(0, rules.IdleTimeSeconds)) : (DateTimeOffset?)null;
        return new ScaleDecision(current, desired, string.Join("; ", reasons), triggers.Fired, minimum, ceilingAfter, timerAfter,
            triggers.MissingAlarms, triggers.UnreadQueues, conditions, nextIdle, Earliest(nextIdle, ceilingAfter.UnlocksAt));
    }

    /// <summary>minTaskCount, replaced by the first scheduled window covering <paramref name="now"/>; never above the top ceiling.</summary>
    public static MinimumInForce MinimumAt(ScaleRules rules, DateTimeOffset now, int topCeiling)
    {
        var window = rules.ScheduledMinTaskCount.FirstOrDefault(w => w.Covers(now));
        var count = Math.Max(0, window?.Count ?? rules.MinTaskCount);
        var source = window?.Label ?? "minTaskCount";
        if (count > topCeiling)
        {
            source += string.Create(CultureInfo.InvariantCulture, $" ({count}, limited to the top ceiling)");
            count = topCeiling;
        }
        return new MinimumInForce(count, source);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
