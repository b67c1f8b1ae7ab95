using System.Collections.Concurrent;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>The document shape of each kind: apiVersion, kind, metadata, spec and (operator-written) status.</summary>
internal static class ResourceShapes
{
    private static readonly ConcurrentDictionary<ResourceKind, FieldShape> Cache = new();
    private static readonly ConcurrentDictionary<ResourceKind, FieldShape> AppliedCache = new();

    public static Type SpecType(ResourceKind kind) => kind switch
    {
        ResourceKind.App => typeof(AppSpec),
        ResourceKind.Job => typeof(JobSpec),
        ResourceKind.CronJob => typeof(CronJobSpec),
        ResourceKind.ScalePolicy => typeof(ScalePolicySpec),
        ResourceKind.CapacityPool => typeof(CapacityPoolSpec),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Type StatusType(ResourceKind kind) => kind switch
    {
        ResourceKind.App => typeof(AppStatus),
        ResourceKind.Job => typeof(JobStatus),
        ResourceKind.CronJob => typeof(CronJobStatus),
        ResourceKind.ScalePolicy => typeof(ScalePolicyStatus),
        ResourceKind.CapacityPool => typeof(CapacityPoolStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>One-line description of each kind.</summary>
    public static string Describe(ResourceKind kind) => kind switch
    {
        ResourceKind.App => "A long-lived application: one ECS service and its task definition family.",
        ResourceKind.Job => "One run of an ECS task to completion; its exit code is recorded.",
        ResourceKind.CronJob => "Jobs created on a cron schedule in a time zone.",
        ResourceKind.ScalePolicy => "Drives an App's desired count from CloudWatch alarms, schedules and queue depth.",
        ResourceKind.CapacityPool => "An EC2 Auto Scaling group sized to the tasks placed on it.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The whole-document shape of <paramref name="kind"/>, status included (for schemas and explain).</summary>
    public static FieldShape Document(ResourceKind kind) => Cache.GetOrAdd(kind, k => Build(k, withStatus: true));

    /// <summary>
    /// The shape an applied document is validated against: status left out (it is ignored, and building it must never
    /// stand between a user and validation).
    /// </summary>
    public static FieldShape Applied(ResourceKind kind) => AppliedCache.GetOrAdd(kind, k => Build(k, withStatus: false));

    private static FieldShape Build(ResourceKind kind, bool withStatus)
    {
        var apiVersion = new FieldShape(ShapeKind.Enum, typeof(string)) { AllowedValues = [ResourceKinds.ApiVersion] };
        var kindShape = new FieldShape(ShapeKind.Enum, typeof(string)) { AllowedValues = [kind.ToString()] };
        var shape = new FieldShape(ShapeKind.Object, typeof(object))
        {
            Properties =
            [
                new FieldInfo("apiVersion", $"API version of the document: always '{ResourceKinds.ApiVersion}'.", true, null, apiVersion),
                new FieldInfo("kind", $"Kind of the document: '{kind}'.", true, null, kindShape),
                new FieldInfo("metadata", "Name, namespace, labels and annotations.", true, null, ShapeBuilder.Build(typeof(ObjectMeta))),
                new FieldInfo("spec", Describe(kind), true, null, ShapeBuilder.Build(SpecType(kind))),
            ],
        };
        if (!withStatus) return shape;
        var status = new FieldInfo("status", "Observed state, written by the operator only; ignored (removed) when a document is applied.", false, null,
            ShapeBuilder.Build(StatusType(kind)));
        return shape with { Properties = [.. shape.Properties, status] };
    }
}
