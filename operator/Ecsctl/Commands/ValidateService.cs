using EcsOperator.Core.Manifests.Apply;

namespace Ecsctl.Commands;

internal sealed record ValidateOptions(IReadOnlyList<string> Files, string? Namespace = null);

/// <summary><c>ecsctl validate</c>: parses and validates files without touching any store.</summary>
internal static class ValidateService
{
    public static Task<LoadedManifests> ValidateAsync(ValidateOptions options, TextReader stdin, CancellationToken ct) =>
        ManifestSources.LoadAsync(options.Files, stdin, options.Namespace, ct);
}
