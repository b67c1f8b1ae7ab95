using System.Globalization;

namespace EcsOperator.Core.Scaling;

/// <summary>The triggers' combined opinion for one pass, before minimum and ceilings.</summary>
internal sealed record TriggerEvaluation(
    int? Target,
    string Summary,
    IReadOnlyList<FiredTrigger> Fired,
    IReadOnlyList<string> MissingAlarms,
    IReadOnlyList<string> UnreadQueues)
{
    /// <summary>
    /// Alarms: the largest upscale step among firing upscale triggers; downscale triggers only while the count is
    /// above the minimum, and only prioritized ones when an upscale fired (then the downscale wins). Queues:
    /// ceil(messages / target) each, the largest. Alarm and queue results combine by the larger; a side whose
    /// triggers did not fire has no opinion, and with no opinion at all the target is null (hold).
    /// </summary>
    public static TriggerEvaluation Evaluate(ScaleRules rules, ScaleInput input, int current, int minimum)
    {
        var fired = new List<FiredTrigger>();
        var missing = rules.AlarmNames.Where(a => !input.AlarmStates.ContainsKey(a)).ToList();
        var policyStep = Math.Max(1, rules.Step);

        var difference = 0;
        var upscaleFired = false;
        foreach (var t in rules.UpscaleTriggers)
        {
            if (!Matches(input, t)) continue;
            var step = StepOf(t, policyStep);
            fired.Add(new FiredTrigger("upscale", t.AlarmName, "+" + step.ToString(CultureInfo.InvariantCulture), true, $"state {t.State}"));
            upscaleFired = true;
            difference = Math.Max(difference, step);
        }

        var downscaleCounted = false;
        foreach (var t in rules.DownscaleTriggers)
        {
            if (!Matches(input, t)) continue;
            var step = StepOf(t, policyStep);
            var effect = "-" + step.ToString(CultureInfo.InvariantCulture);
            if (current <= minimum)
            {
                fired.Add(new FiredTrigger("downscale", t.AlarmName, effect, false, $"state {t.State}; count {current} is not above the minimum {minimum}"));
                continue;
            }
            if (upscaleFired && !t.PrioritizedOverUpscaleTriggers)
            {
                fired.Add(new FiredTrigger("downscale", t.AlarmName, effect, false, $"state {t.State}; an upscale fired and this trigger is not prioritized"));
                continue;
            }
            fired.Add(new FiredTrigger("downscale", t.AlarmName, effect, true,
                upscaleFired ? $"state {t.State}; prioritized over upscale triggers" : $"state {t.State}"));
            difference = downscaleCounted ? Math.Min(difference, -step) : -step;
            downscaleCounted = true;
        }

        int? alarmTarget = upscaleFired || downscaleCounted ? Math.Max(0, current + difference) : null;

        var unread = new List<string>();
        int? queueTarget = null;
        foreach (var q in rules.QueueTriggers)
        {
            if (!input.QueueDepths.TryGetValue(q.QueueUrl, out var depth))
            {
                unread.Add(q.QueueUrl);
                continue;
            }
            var per = Math.Max(1, q.TargetMessagesPerTask);
            var wanted = (int)Math.Min(int.MaxValue, (Math.Max(0, depth.Total) + per - 1) / per);
            fired.Add(new FiredTrigger("queue", q.QueueUrl, wanted.ToString(CultureInfo.InvariantCulture) + " tasks", true,
                $"{depth.Visible} visible + {depth.InFlight} in flight / {per} per task"));
            queueTarget = queueTarget is null ? wanted : Math.Max(queueTarget.Value, wanted);
        }

        int? target = alarmTarget is null ? queueTarget : queueTarget is null ? alarmTarget : Math.Max(alarmTarget.Value, queueTarget.Value);
        var summary = target is null ? $"no trigger fired: stays {current}"
            : alarmTarget is not null && queueTarget is not null
                ? $"alarms ask {alarmTarget}, queues ask {queueTarget}: {target}"
                : alarmTarget is not null ? $"alarms ask {alarmTarget} ({(difference > 0 ? "+" : "")}{difference})" : $"queues ask {queueTarget}";
        return new TriggerEvaluation(target, summary, fired, missing, unread);
    }

    private static bool Matches(ScaleInput input, AlarmRule t) =>
        input.AlarmStates.TryGetValue(t.AlarmName, out var state) && string.Equals(state, t.State, StringComparison.OrdinalIgnoreCase);

    private static int StepOf(AlarmRule t, int policyStep) => t.Step is > 0 ? t.Step.Value : policyStep;
}
