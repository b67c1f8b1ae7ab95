using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Rules between documents loaded together (files given to <c>validate</c> / <c>apply</c>).</summary>
internal static class CrossDocumentRules
{
    /// <summary>A ScalePolicy may not target a DAEMON App: ECS runs one daemon task per instance and takes no task count.</summary>
    public static IEnumerable<ManifestError> Check(IReadOnlyList<ResourceDocument> documents)
    {
        var daemons = documents.Where(d => d.Key.Kind == ResourceKind.App && KindRules.IsDaemon(d.Spec.Obj("service")))
            .Select(d => (d.Key.Namespace, d.Key.Name)).ToHashSet();
        foreach (var policy in documents.Where(d => d.Key.Kind == ResourceKind.ScalePolicy))
        {
            if (policy.Spec.Str("targetRef") is { } target && daemons.Contains((policy.Key.Namespace, target)))
                yield return new ManifestError(policy.File, policy.Line, 1, "spec.targetRef",
                    $"App '{target}' is a DAEMON service (one task per container instance): it cannot be scaled by a ScalePolicy");
        }
    }
}
