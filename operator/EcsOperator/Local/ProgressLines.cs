using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Local;

/// <summary>The one line a person reads for a resource's state: <c>kind/name</c>, its phase or condition, ready/desired
/// where the kind has counts, and the reason ("app/web Progressing 1/2 RolloutInProgress",
/// "job/migrate Failed exit 1 EssentialContainerExited", "scalepolicy/web-cpu Ready desired 3 ...").</summary>
internal static class ProgressLines
{
    /// <summary>The line, and for an App whether it has converged (other kinds count as converged).</summary>
    public static (string Line, bool Converged) Describe(StoredResource r)
    {
        var name = Name(r.Key);
        if (r.IsMarkedForDeletion) return ($"{name} Terminating", r.Key.Kind != ResourceKind.App);
        return r.Key.Kind switch
        {
            ResourceKind.App => App(name, r),
            ResourceKind.Job => (Job(name, r.Status), true),
            ResourceKind.CronJob => (Conditions(name, r, $"active {r.Status.Arr("active")?.Count ?? 0}"), true),
            ResourceKind.ScalePolicy => (Conditions(name, r, r.Status.Int("desiredCount") is { } d ? $"desired {Num(d)}" : null), true),
            ResourceKind.CapacityPool => (Conditions(name, r,
                r.Status?["desiredCapacity"] is null ? null : $"{Num(r.Status.Int("inServiceInstances") ?? 0)}/{Num(r.Status.Int("desiredCapacity") ?? 0)}"), true),
            _ => (Conditions(name, r, null), true),
        };
    }

    public static string Name(ResourceKey key) =>
        $"{key.Kind.ToString().ToLowerInvariant()}/{key.Name}" + (key.Namespace == ResourceKey.DefaultNamespace ? "" : $" -n {key.Namespace}");

    private static (string, bool) App(string name, StoredResource app)
    {
        var s = app.Status;
        if (s is null) return ($"{name} Pending", false);
        var counts = $"{Num(s.Int("runningCount") ?? 0)}/{Num(s.Int("desiredCount") ?? 0)}";
        if (Problem(s, counts) is { } problem) return ($"{name} {problem}", false);
        if (s.Long("observedGeneration") == app.Generation && AppRolloutState.IsRolledOut(s)) return ($"{name} Available {counts}", true);
        var p = StatusConditions.Get(s, ConditionTypes.Progressing);
        return ($"{name} Progressing {counts}" + (p.Str("reason") is { } reason ? $" {reason}" : ""), false);
    }

    private static string Job(string name, JsonObject? s)
    {
        if (Problem(s, null) is { } problem) return $"{name} {problem}";
        var parts = new List<string> { name, s.Str("phase") ?? "Pending" };
        if (s.Int("exitCode") is { } exit) parts.Add($"exit {Num(exit)}");
        else if (s.Int("attempts") is { } attempts and > 1) parts.Add($"attempt {Num(attempts)}");
        if (s.Str("stoppedReason") is { Length: > 0 } reason) parts.Add(reason);
        return string.Join(' ', parts);
    }

    /// <summary>The generic form: Invalid/Degraded with reason and message, else the first true condition of
    /// Progressing, Available, Ready with its reason, else NotAvailable/NotReady; Pending before any status.</summary>
    private static string Conditions(string name, StoredResource r, string? counts)
    {
        var s = r.Status;
        if (s is null) return $"{name} Pending";
        if (Problem(s, counts) is { } problem) return $"{name} {problem}";
        foreach (var type in new[] { ConditionTypes.Progressing, ConditionTypes.Available, ConditionTypes.Ready })
        {
            if (!StatusConditions.IsTrue(s, type)) continue;
            return Join(name, type, counts, StatusConditions.Get(s, type).Str("reason"));
        }
        foreach (var type in new[] { ConditionTypes.Available, ConditionTypes.Ready })
        {
            if (StatusConditions.Get(s, type) is { } c) return Join(name, $"Not{type}", counts, c.Str("reason"));
        }
        // Only problem conditions, all false (a ScalePolicy's Degraded=False/Valid): healthy.
        if (StatusConditions.Get(s, ConditionTypes.Degraded) is { } healthy) return Join(name, ConditionTypes.Ready, counts, healthy.Str("reason"));
        return Join(name, counts);
    }

    private static string? Problem(JsonObject? s, string? counts)
    {
        foreach (var type in new[] { ConditionTypes.Invalid, ConditionTypes.Degraded })
        {
            if (!StatusConditions.IsTrue(s, type)) continue;
            var c = StatusConditions.Get(s, type);
            return Join(null, type, counts, $"{c.Str("reason")}: {c.Str("message")?.ReplaceLineEndings(" ")}");
        }
        return null;
    }

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
