using System.Text.Json.Nodes;
using Cronos;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Rules across fields that a shape cannot say: exclusive fields, cron, time zones, ceilings, task definitions.</summary>
internal static partial class KindRules
{
    public static void Check(ResourceKind kind, JsonObject root, ValidationContext ctx)
    {
        if (root.Obj("spec") is not { } spec) return;
        switch (kind)
        {
            case ResourceKind.App: CheckApp(spec, "spec", ctx); break;
            case ResourceKind.Job: CheckJob(spec, "spec", ctx); break;
            case ResourceKind.CronJob: CheckCronJob(spec, "spec", ctx); break;
            case ResourceKind.ScalePolicy: CheckScalePolicy(spec, "spec", ctx); break;
            case ResourceKind.CapacityPool: CheckIgnoreDifferences(spec, "spec", Diff.IgnoreRules.PoolRoots, ctx); break;
        }
    }

    private static void CheckApp(JsonObject spec, string path, ValidationContext ctx)
    {
        CheckIgnoreDifferences(spec, path, Diff.IgnoreRules.AppRoots, ctx);
        var td = spec.Obj("taskDefinition");
        if (td is not null) CheckTaskDefinition(td, $"{path}.taskDefinition", ctx);
        if (spec.Obj("service") is { } service)
        {
            CheckService(spec, service, $"{path}.service", ctx);
            foreach (var (owned, use) in new[] { ("cluster", "spec.cluster"), ("taskDefinition", "spec.taskDefinition"), ("desiredCount", "spec.replicas") })
            {
                if (service.ContainsKey(owned)) ctx.AtKey(service, owned, $"{path}.service.{owned}", $"set by the operator; use {use} instead");
            }
        }
        var hooks = spec.Obj("hooks").Arr("preDeploy").Objects().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var containers = ContainerNames(td);
        for (var i = 0; i < hooks.Count; i++)
        {
            var hookPath = $"{path}.hooks.preDeploy[{i}]";
            if (hooks[i].Str("name") is { Length: > 0 } name)
            {
                if (!ResourceKey.IsDnsLabel(name)) ctx.AtMember(hooks[i], "name", $"{hookPath}.name", $"'{name}' is not a DNS label");
                else if (!seen.Add(name)) ctx.AtMember(hooks[i], "name", $"{hookPath}.name", $"duplicate hook name '{name}'");
            }
            CheckContainerRef(hooks[i], containers, $"{hookPath}.container", ctx);
        }
    }

    private static void CheckJob(JsonObject spec, string path, ValidationContext ctx)
    {
        var hasRef = spec["appRef"] is not null;
        var td = spec.Obj("taskDefinition");
        if (spec.Str("appRef") is { Length: > 0 } appRef && !ResourceKey.IsDnsLabel(appRef))
            ctx.AtMember(spec, "appRef", $"{path}.appRef", $"'{appRef}' is not an App name (a DNS label)");
        if (!hasRef && spec["cluster"] is null && td is not null)
            ctx.AtNode(spec, $"{path}.cluster", "required field is missing (only a Job with appRef takes its App's cluster)");
        if (td is not null)
        {
            CheckTaskDefinition(td, $"{path}.taskDefinition", ctx);
            CheckContainerRef(spec, ContainerNames(td), $"{path}.container", ctx);
        }
        if (Jobs.OverrideLimit.Characters(spec) is var overrides and > Jobs.OverrideLimit.MaxCharacters)
        {
            var field = spec.ContainsKey("environment") ? "environment" : "command";
            ctx.AtMember(spec, field, $"{path}.{field}",
                $"command and environment make {overrides} characters of RunTask overrides; ECS allows at most {Jobs.OverrideLimit.MaxCharacters}");
        }
        if (spec.Obj("launchRetry") is { } retry)
        {
            var defaults = new LaunchRetrySpec();
            var initial = retry.Int("initialIntervalSeconds") ?? defaults.InitialIntervalSeconds;
            var max = retry.Int("maxIntervalSeconds") ?? defaults.MaxIntervalSeconds;
            if (initial > max)
            {
                var field = retry.ContainsKey("initialIntervalSeconds") ? "initialIntervalSeconds" : "maxIntervalSeconds";
                ctx.AtMember(retry, field, $"{path}.launchRetry.{field}", $"initialIntervalSeconds ({initial}) must not exceed maxIntervalSeconds ({max})");
            }
        }
    }

    private static void CheckCronJob(JsonObject spec, string path, ValidationContext ctx)
    {
        if (spec.Str("schedule") is { Length: > 0 } schedule)
        {
            var error = CronError(schedule);
            if (error is not null) ctx.AtMember(spec, "schedule", $"{path}.schedule", error);
        }
        CheckTimeZone(spec, "timeZone", $"{path}.timeZone", ctx);
        if (spec.Obj("jobTemplate").Obj("spec") is { } jobSpec) CheckJob(jobSpec, $"{path}.jobTemplate.spec", ctx);
    }

    /// <summary>Null when <paramref name="schedule"/> is a valid five-field cron expression (or macro such as @daily).</summary>
    public static string? CronError(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!schedule.StartsWith('@') && fields.Length != 5)
            return $"'{schedule}' is not a cron expression: expected 5 fields (minute hour day-of-month month day-of-week), got {fields.Length}";
        try
        {
            CronExpression.Parse(schedule, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"'{schedule}' is not a valid cron expression: {e.Message.Replace("The given cron expression has an invalid format. ", "", StringComparison.Ordinal)}";
        }
    }

    internal static void CheckTimeZone(JsonObject owner, string field, string path, ValidationContext ctx)
    {
        if (owner.Str(field) is not { } tz) return;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            ctx.AtMember(owner, field, path, $"unknown time zone '{tz}' (use an IANA name such as 'Asia/Tokyo' or 'UTC')");
    }

    private static void CheckIgnoreDifferences(JsonObject spec, string path, IReadOnlyList<string> roots, ValidationContext ctx)
    {
        var rules = spec.Arr("ignoreDifferences");
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            if (rules![i] is not JsonValue v || !v.TryGetValue<string>(out var text)) continue;
            if (Diff.IgnoreRules.Parse(text, roots, out var error) is null)
                ctx.AtNode(v, $"{path}.ignoreDifferences[{i}]", error ?? "not a path");
        }
    }
}
