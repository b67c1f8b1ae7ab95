using System.Text.RegularExpressions;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Apply;

/// <summary>The documents of <c>-f FILE|DIR|-</c> arguments, every error found in them, and the files a directory
/// walk skipped because they hold no ecs.operator document.</summary>
public sealed record LoadedManifests(
    IReadOnlyList<ResourceDocument> Documents, IReadOnlyList<ManifestError> Errors, int Files, IReadOnlyList<string> Skipped)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>Notes on valid documents (describe-only members that were dropped), positioned like errors.</summary>
    public IReadOnlyList<ManifestError> Notes { get; init; } = [];
}

/// <summary>
/// Reads and validates manifest sources: a named file (always validated), a directory (recursively: *.yaml, *.yml,
/// *.json, hidden folders left out, in path order), or <c>-</c> for stdin. In a directory walk a file with no
/// <c>apiVersion: ecs.operator/...</c> document (an IAM policy, a CloudFormation template) is skipped and listed in
/// <see cref="LoadedManifests.Skipped"/>; a named file is never skipped, so a typo in its apiVersion is an error.
/// </summary>
public static partial class ManifestSources
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <param name="requiredNamespace">From <c>-n</c>: every document must be in this namespace (documents name
    /// their own namespace; <c>-n</c> only confirms it, like kubectl).</param>
    public static Task<LoadedManifests> LoadAsync(IReadOnlyList<string> sources, TextReader stdin, string? requiredNamespace, CancellationToken ct) =>
        LoadAsync(sources, stdin, requiredNamespace, null, ct);

    /// <param name="transform">Applied to each file's text before it is parsed (e.g. <c>ecsctl apply --env-substitution</c>);
    /// it adds its own errors (file, line) to the list it is given.</param>
    public static async Task<LoadedManifests> LoadAsync(IReadOnlyList<string> sources, TextReader stdin, string? requiredNamespace,
        Func<string, string, List<ManifestError>, string>? transform, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(stdin);
        var documents = new List<ResourceDocument>();
        var errors = new List<ManifestError>();
        var skipped = new List<string>();
        var notes = new List<ManifestError>();
        var files = 0;
        foreach (var (name, text, walked) in await ReadAsync(sources, stdin, errors, ct))
        {
            if (walked && !NamesOperatorApi(text))
            {
                skipped.Add(name);
                continue;
            }

            files++;
            var result = ManifestParser.Parse(transform is null ? text : transform(name, text, errors), name);
            documents.AddRange(result.Documents);
            errors.AddRange(result.Errors);
            notes.AddRange(result.Notes);
        }

        foreach (var dup in documents.GroupBy(d => d.Key).Where(g => g.Count() > 1))
        {
            var first = dup.First();
            errors.AddRange(dup.Skip(1).Select(d => new ManifestError(d.File, d.Line, 1, "metadata.name",
                $"{d.Key} is also defined at {first.File}:{first.Line}")));
        }

        errors.AddRange(Validation.CrossDocumentRules.Check(documents));

        if (requiredNamespace is not null)
        {
            errors.AddRange(documents.Where(d => d.Key.Namespace != requiredNamespace).Select(d => new ManifestError(d.File, d.Line, 1,
                "metadata.namespace", $"{d.Key} is in namespace \"{d.Key.Namespace}\", not \"{requiredNamespace}\" (-n); set metadata.namespace in the document")));
        }

        return new LoadedManifests(documents, errors, files, skipped) { Notes = notes };
    }

    /// <summary>The text has an <c>apiVersion</c> key whose value starts with <c>ecs.operator/</c> (YAML or JSON).</summary>
    public static bool NamesOperatorApi(string text) => ApiVersionKey().IsMatch(text ?? "");

    [GeneratedRegex("""["']?\bapiVersion["']?\s*:\s*["']?ecs\.operator/""", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionKey();

    private static async Task<List<(string Name, string Text, bool Walked)>> ReadAsync(
        IReadOnlyList<string> sources, TextReader stdin, List<ManifestError> errors, CancellationToken ct)
    {
        var read = new List<(string, string, bool)>();
        foreach (var source in sources)
        {
            if (source == "-")
            {
                read.Add(("-", await stdin.ReadToEndAsync(ct), false));
                continue;
            }

            var walked = Directory.Exists(source);
            var paths = walked ? FilesUnder(source) : File.Exists(source) ? [source] : null;
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
                    read.Add((path, await File.ReadAllTextAsync(path, ct), walked));
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

    /// <summary>The line a skipped file gets on stderr.</summary>
    /// <summary><c>FILE:LINE:COL: path: note: message</c>.</summary>
    public static string Note(ManifestError note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return $"{note.File}:{note.Line}:{note.Column}: {note.Path}: note: {note.Message}";
    }

    public static string SkipNote(string file) => $"{file}: skipped (not an {ResourceKinds.ApiVersion} manifest)";
}
