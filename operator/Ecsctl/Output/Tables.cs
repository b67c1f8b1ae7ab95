using Ecsctl.Manifests;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using static Ecsctl.Output.StatusView;

namespace Ecsctl.Output;

/// <summary>A table column: header, cell, and whether it shows only with <c>-o wide</c>.</summary>
internal sealed record Column(string Header, Func<StoredItem, DateTimeOffset, string> Cell, bool Wide = false);

/// <summary>The <c>get</c> table of each kind, as data.</summary>
internal static class Tables
{
    private static readonly Column Age = new("AGE", (i, now) => TableWriter.Age(i.Resource.CreatedAt, now));
    private static readonly Column Status = new("STATUS", (i, _) => Summary(i));
    private static readonly Column Cluster = new("CLUSTER", (i, _) => SpecField(i, "cluster"), Wide: true);
    private static readonly Column Generation = new("GENERATION", (i, _) => $"{StatusField(i, "observedGeneration")}/{i.Resource.Generation}", Wide: true);

    public static IReadOnlyList<Column> For(ResourceKind kind) => kind switch
    {
        ResourceKind.App =>
        [
            new("READY", (i, _) => i.Status is null ? "-" : $"{StatusField(i, "runningCount")}/{StatusField(i, "desiredCount")}"),
            new("DESIRED", (i, _) => i.Status?["desiredCount"] is { } d ? Text(d) : SpecField(i, "replicas")),
            Status, Age, Cluster,
            new("TASK DEFINITION", (i, _) => StatusField(i, "activeTaskDefinition").Split('/')[^1], Wide: true),
            Generation,
        ],
        ResourceKind.Job =>
        [
            new("PHASE", (i, _) => i.Resource.IsMarkedForDeletion ? "Terminating" : i.Valid ? i.Status.Str("phase") ?? "Pending" : Invalid),
            new("EXIT", (i, _) => StatusField(i, "exitCode")),
            new("ATTEMPTS", (i, _) => i.Status.Int("attempts")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"),
            new("DURATION", (i, now) => JobDuration(i, now)),
            Age, Cluster,
            new("APP", (i, _) => SpecField(i, "appRef"), Wide: true),
            new("STOP REASON", (i, _) => StatusField(i, "stoppedReason"), Wide: true),
        ],
        ResourceKind.CronJob =>
        [
            new("SCHEDULE", (i, _) => SpecField(i, "schedule")),
            new("TIMEZONE", (i, _) => i.Valid ? Spec(i).Str("timeZone") ?? "UTC" : "-"),
            new("SUSPEND", (i, _) => i.Valid ? (Spec(i).Bool("suspend") ?? false ? "True" : "False") : "-"),
            new("ACTIVE", (i, _) => (i.Status.Arr("active")?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("LAST SCHEDULE", (i, now) => Time(i.Status, "lastScheduleTime") is { } t ? TableWriter.Age(t, now) : "<none>"),
            Status, Age, Generation,
        ],
        ResourceKind.ScalePolicy =>
        [
            new("TARGET", (i, _) => SpecField(i, "targetRef")),
            new("MIN", (i, _) => SpecField(i, "minTaskCount")),
            new("MAX", (i, _) => SpecField(i, "maxTaskCount")),
            new("DESIRED", (i, _) => StatusField(i, "desiredCount")),
            Status, Age,
            new("LAST SCALE", (i, now) => Time(i.Status, "lastScaleTime") is { } t ? TableWriter.Age(t, now) : "<none>", Wide: true),
            new("REASON", (i, _) => StatusField(i, "lastScaleReason"), Wide: true),
        ],
        ResourceKind.CapacityPool =>
        [
            new("ASG", (i, _) => SpecField(i, "autoScalingGroupName")),
            new("BUFFER", (i, _) => i.Valid ? Spec(i).Int("buffer")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0" : "-"),
            new("DESIRED", (i, _) => StatusField(i, "desiredCapacity")),
            new("IN SERVICE", (i, _) => StatusField(i, "inServiceInstances")),
            Status, Age, Cluster, Generation,
        ],
        _ => [Status, Age],
    };

    public static void Write(TextWriter output, ResourceKind kind, IReadOnlyList<StoredItem> items, bool wide, bool withNamespace, DateTimeOffset now)
    {
        var columns = new List<Column>();
        if (withNamespace) columns.Add(new Column("NAMESPACE", (i, _) => i.Resource.Key.Namespace));
        columns.Add(new Column("NAME", (i, _) => i.Resource.Key.Name));
        columns.AddRange(For(kind).Where(c => wide || !c.Wide));
        var rows = items.Select(i => (IReadOnlyList<string>)columns.Select(c => c.Cell(i, now)).ToList()).ToList();
        TableWriter.Write(output, columns.Select(c => c.Header).ToList(), rows);
    }

    private static string JobDuration(StoredItem item, DateTimeOffset now)
    {
        if (Time(item.Status, "startTime") is not { } start) return "-";
        var end = Time(item.Status, "completionTime") ?? now;
        return TableWriter.Duration(end - start);
    }
}
