using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Local;

/// <summary>
/// Applies manifest files to the store as <c>ecsctl apply -f</c> does: a file, or every *.yaml / *.yml under a
/// directory (recursively, in path order). Invalid documents are reported with file:line:column and skipped; valid
/// ones are written and reported as created / configured / unchanged.
/// </summary>
internal static class ManifestApplier
{
    /// <summary>Returns the number of errors (0 = everything applied).</summary>
    public static async Task<int> ApplyAsync(IResourceStore store, string path, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        IEnumerable<string> files;
        if (File.Exists(path)) files = [path];
        else if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        }
        else
        {
            await stderr.WriteLineAsync($"{path}: no such file or directory");
            return 1;
        }
        var errors = 0;
        foreach (var file in files)
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file, ct);
            }
            catch (IOException e)
            {
                await stderr.WriteLineAsync($"{file}: {e.Message}");
                errors++;
                continue;
            }
            if (files is not string[] && !LooksLikeManifest(text))
            {
                await stdout.WriteLineAsync($"{file} skipped (no apiVersion: {ResourceKinds.ApiVersion} document)");
                continue;
            }
            var parsed = ManifestParser.Parse(text, file);
            foreach (var e in parsed.Errors) await stderr.WriteLineAsync(e.ToString());
            errors += parsed.Errors.Count;
            foreach (var doc in parsed.Documents)
            {
                var result = await store.PutAsync(doc.Key, doc.ToYaml(), null, ct);
                var outcome = result.Outcome switch
                {
                    PutOutcome.Created => "created",
                    PutOutcome.Configured => "configured",
                    _ => "unchanged",
                };
                await stdout.WriteLineAsync($"{doc.Key.Kind.ToString().ToLowerInvariant()}/{doc.Key.Name} {outcome}");
            }
        }
        return errors;
    }

    /// <summary>In a directory walk, other YAML (CloudFormation templates, CI files) is skipped rather than reported.</summary>
    private static bool LooksLikeManifest(string text) => text.Contains(ResourceKinds.ApiVersion, StringComparison.Ordinal);
}
