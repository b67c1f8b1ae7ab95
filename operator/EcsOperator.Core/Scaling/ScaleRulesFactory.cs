using EcsOperator.Core.Model;

namespace EcsOperator.Core.Scaling;

/// <summary>Turns a validated <see cref="ScalePolicySpec"/> into <see cref="ScaleRules"/>; what schema validation cannot
/// check (time zones, ceiling order) comes back as errors naming the field.</summary>
public static class ScaleRulesFactory
{
    public static ScaleRules? Create(ScalePolicySpec spec, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        if (spec.MaxTaskCount.Count == 0) problems.Add("spec.maxTaskCount: at least one ceiling is required");
        for (var i = 1; i < spec.MaxTaskCount.Count; i++)
        {
            if (spec.MaxTaskCount[i] <= spec.MaxTaskCount[i - 1])
                problems.Add($"spec.maxTaskCount[{i}]: staged ceilings must ascend ({spec.MaxTaskCount[i - 1]} then {spec.MaxTaskCount[i]})");
        }
        if (spec.MaxTaskCount.Count > 0 && spec.MinTaskCount > spec.MaxTaskCount[^1])
            problems.Add($"spec.minTaskCount: {spec.MinTaskCount} is above the top ceiling {spec.MaxTaskCount[^1]}");

        var windows = new List<MinimumWindow>();
        for (var i = 0; i < spec.ScheduledMinTaskCount.Count; i++)
        {
            var w = spec.ScheduledMinTaskCount[i];
            if (MinimumWindowParser.TryParse(w.From, w.To, w.Count, w.TimeZone, $"spec.scheduledMinTaskCount[{i}]", out var window, out var error))
                windows.Add(window!);
            else problems.Add(error!);
        }

        errors = problems;
        if (problems.Count > 0) return null;
        return new ScaleRules(spec.MinTaskCount, spec.MaxTaskCount, spec.CooldownTimeForReachMaxSeconds, spec.Step, spec.IdleTimeSeconds,
            windows,
            spec.UpscaleTriggers.Select(t => new AlarmRule(t.AlarmName, t.State, t.Step, t.PrioritizedOverUpscaleTriggers)).ToList(),
            spec.DownscaleTriggers.Select(t => new AlarmRule(t.AlarmName, t.State, t.Step, t.PrioritizedOverUpscaleTriggers)).ToList(),
            spec.QueueTriggers.Select(q => new QueueRule(q.QueueUrl, q.TargetMessagesPerTask)).ToList());
    }
}
