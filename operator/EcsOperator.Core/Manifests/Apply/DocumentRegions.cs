using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Apply;

/// <summary>
/// <c>spec.region</c> of documents. One operator serves one region (its ECS quotas and throttles are per region), so a
/// document for another region is refused by the operator (Degraded/RegionMismatch); <c>ecsctl validate --region</c>
/// warns before, and <c>ecs-operator local</c> runs its simulated account in the documents' region.
/// </summary>
public static class DocumentRegions
{
    /// <summary>The region a document names, or null when it leaves it to the operator.</summary>
    public static string? Of(ResourceDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return doc.Key.Kind == ResourceKind.CronJob
            ? doc.Spec.Obj("jobTemplate").Obj("spec").Str("region")
            : doc.Spec.Str("region");
    }

    /// <summary>One warning per document naming another region than <paramref name="region"/>.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<ResourceDocument> documents, string region)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return [.. documents
            .Where(d => Of(d) is { } r && !string.Equals(r, region, StringComparison.Ordinal))
            .Select(d => $"warning: {d.File}:{d.Line}: {ApplyCommand.Display(d.Key)} is for region {Of(d)}, not {region}: " +
                $"an operator in {region} refuses it (Degraded/RegionMismatch)")];
    }

    /// <summary>The one region the documents name (null when none does; the first in order when they disagree).</summary>
    public static string? Common(IEnumerable<ResourceDocument> documents) =>
        documents.Select(Of).OfType<string>().FirstOrDefault(r => r.Length > 0);
}
