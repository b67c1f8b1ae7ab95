using System.Text.Json.Nodes;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Preflight;

/// <summary>The preflight checks of one manifest document: an App's rendered task definition and its service's
/// network configuration; a Job's (a CronJob's job template's) inline task definition and its network configuration.
/// Other kinds need nothing.</summary>
public static class DocumentPreflight
{
    /// <param name="Note">Said about the document when part of it is not checked here (a Job that runs an App's task definition).</param>
    public sealed record Plan(IReadOnlyList<PreflightCheck> Checks, string? Note);

    public static Plan For(ResourceDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var region = doc.Spec.Str("region");
        switch (doc.Key.Kind)
        {
            case ResourceKind.App:
                var service = doc.Spec.Obj("service");
                return InRegion(new Plan(PreflightPlan.For(TaskDefinitionRenderer.Request(doc), service.Obj("networkConfiguration"),
                    "service.networkConfiguration"), null), region);
            case ResourceKind.Job:
                return InRegion(ForJob(doc.Spec, "networkConfiguration"), region);
            case ResourceKind.CronJob:
                var job = doc.Spec.Obj("jobTemplate").Obj("spec");
                return InRegion(ForJob(job, "jobTemplate.spec.networkConfiguration"), job.Str("region") ?? region);
            default:
                return new Plan([], null);
        }
    }

    private static Plan ForJob(JsonObject? job, string networkField)
    {
        var network = job.Obj("networkConfiguration");
        if (job.Obj("taskDefinition") is { } td) return new Plan(PreflightPlan.For(td, network, networkField), null);
        var note = job.Str("appRef") is { } app ? $"runs app/{app}'s task definition: verify that App's manifest for its images, roles, secrets and log groups" : null;
        return new Plan(PreflightPlan.For([], network, networkField), note);
    }

    /// <summary>Checks that name no region of their own are looked up in the document's <c>spec.region</c>, when it has one.</summary>
    private static Plan InRegion(Plan plan, string? region) => region is null
        ? plan
        : plan with { Checks = plan.Checks.Select(c => c.Region is null && c.Kind != PreflightKind.Role ? c with { Region = region } : c).ToList() };
}
