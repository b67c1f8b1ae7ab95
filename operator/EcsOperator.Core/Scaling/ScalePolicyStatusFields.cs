using EcsOperator.Core.Model;

namespace EcsOperator.Core.Scaling;

/// <summary>The ScalePolicy status fields a decision fills in, and the state a policy keeps there between passes.</summary>
internal static class ScalePolicyStatusFields
{
    /// <summary>The ceiling timer kept from the last pass.</summary>
    public static CeilingTimer? Timer(this ScalePolicyStatus status) =>
        status.CeilingTimer is { } t ? new CeilingTimer(t.Ceiling, t.ReachedAt) : null;

    /// <summary>The decision's view: counts, minimum and ceiling in force and why, triggers, timer.</summary>
    public static ScalePolicyStatus WithDecision(this ScalePolicyStatus status, ScaleDecision d, int applied, CeilingTimer? timer) => status with
    {
        CurrentCount = d.CurrentCount,
        DesiredCount = applied,
        WantedCount = d.DesiredCount,
        Minimum = new MinimumStatus { Count = d.Minimum.Count, Source = d.Minimum.Source },
        CurrentMaxTaskCount = d.Ceiling.Count,
        Ceiling = new CeilingStatus { Count = d.Ceiling.Count, Stage = d.Ceiling.Stage, Reason = d.Ceiling.Reason, UnlocksAt = d.Ceiling.UnlocksAt },
        CeilingTimer = timer is null ? null : new CeilingTimerStatus { Ceiling = timer.Ceiling, ReachedAt = timer.ReachedAt },
        FiredTriggers = [.. d.FiredTriggers.Select(f => new FiredTriggerStatus { Kind = f.Kind, Source = f.Source, Effect = f.Effect, Counted = f.Counted, Note = f.Note })],
        MissingAlarms = d.MissingAlarms.Count == 0 ? null : d.MissingAlarms,
    };
}
