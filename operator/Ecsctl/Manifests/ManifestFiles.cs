using EcsOperator.Core.Manifests;

namespace Ecsctl.Manifests;

/// <summary>The documents of <c>-f FILE|DIR|-</c> arguments, and every error found in them.</summary>
internal sealed record LoadedManifests(IReadOnlyList<ResourceDocument> Documents, IReadOnlyList<ManifestError> Errors, int Files)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Reads and validates manifest files: a file, a directory (recursively: *.yaml, *.yml, *.json), or <c>-</c> for stdin.</summary>
internal static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <param name="requiredNamespace">From <c>-n</c>: every document must be in this namespace (documents name
    /// their own namespace; <c>-n</c> only confirms it, like kubectl).</param>
    public static async Task<LoadedManifests> LoadAsync(IReadOnlyList<string> sources, TextReader stdin, string? requiredNamespace, CancellationToken ct)
    {
        var documents = new List<ResourceDocument>();
        var errors = new List<ManifestError>();
        var files = 0;
        foreach (var (name, text) in await ReadAsync(sources, stdin, errors, ct))
        {
            files++;
            var result = ManifestParser.Parse(text, name);
            documents.AddRange(result.Documents);
            errors.AddRange(result.Errors);
        }

        foreach (var dup in documents.GroupBy(d => d.Key).Where(g => g.Count() > 1))
        {
            var first = dup.First();
            errors.AddRange(dup.Skip(1).Select(d => new ManifestError(d.File, d.Line, 1, "metadata.name",
                $"{d.Key} is also defined at {first.File}:{first.Line}")));
        }

        if (requiredNamespace is not null)
        {
            errors.AddRange(documents.Where(d => d.Key.Namespace != requiredNamespace).Select(d => new ManifestError(d.File, d.Line, 1,
                "metadata.namespace", $"{d.Key} is in namespace \"{d.Key.Namespace}\", not \"{requiredNamespace}\" (-n); set metadata.namespace in the document")));
        }

        return new LoadedManifests(documents, errors, files);
    }

    private static async Task<List<(string Name, string Text)>> ReadAsync(IReadOnlyList<string> sources, TextReader stdin, List<ManifestError> errors, CancellationToken ct)
    {
        var read = new List<(string, string)>();
        foreach (var source in sources)
        {
            if (source == "-")
            {
                read.Add(("-", await stdin.ReadToEndAsync(ct)));
                continue;
            }

            var paths = Directory.Exists(source) ? FilesUnder(source) : File.Exists(source) ? [source] : null;
            if (paths is null)
            {
                errors.Add(new ManifestError(source, 0, 0, "", "no such file or directory"));
                continue;
            }

            if (paths.Count == 0) errors.Add(new ManifestError(source, 0, 0, "", "directory holds no *.yaml, *.yml or *.json files"));
            foreach (var path in paths)
            {
                try
                {
                    read.Add((path, await File.ReadAllTextAsync(path, ct)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new ManifestError(path, 0, 0, "", $"cannot read: {e.Message}"));
                }
            }
        }

        return read;
    }

    private static List<string> FilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
            .Where(p => !Path.GetRelativePath(directory, p).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();
}
