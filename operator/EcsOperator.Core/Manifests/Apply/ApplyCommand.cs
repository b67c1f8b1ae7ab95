using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Manifests.Apply;

/// <param name="Sources"><c>-f FILE|DIR|-</c> arguments.</param>
/// <param name="Namespace">From <c>-n</c>, when given: every document must be in it.</param>
public sealed record ApplyRequest(IReadOnlyList<string> Sources, bool DryRun = false, string? Namespace = null);

/// <summary>
/// Loads, validates and applies, and writes what happened the same way for every caller: skip notes and errors on
/// stderr, one <c>kind/name created|configured|unchanged</c> line per document on stdout. Exit code 0, or 1 when
/// anything was invalid (then nothing was applied), the store failed part-way (then what was written is put back,
/// or listed exactly when that fails too) or no document was found.
/// </summary>
public static class ApplyCommand
{
    public static async Task<int> RunAsync(IResourceStore store, ApplyRequest request, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var loaded = await ManifestSources.LoadAsync(request.Sources, stdin, request.Namespace, ct);
        WriteSkipped(stderr, loaded);
        var report = await new ManifestApplier(store).ApplyAsync(loaded, request.DryRun, ct);
        if (report.Errors.Count > 0)
        {
            WriteErrors(stderr, report.Errors);
            await stderr.WriteLineAsync($"error: {report.Errors.Count} error(s); nothing was applied");
            return 1;
        }

        if (report.Interruption is { } stop)
        {
            await WriteInterruptionAsync(stderr, stop);
            return 1;
        }

        foreach (var warning in await FamilyWarnings.FindAsync(loaded.Documents, store, ct)) await stderr.WriteLineAsync(warning);
        var suffix = request.DryRun ? " (dry run)" : "";
        foreach (var l in report.Lines) await stdout.WriteLineAsync($"{Display(l.Key)} {l.Outcome.ToString().ToLowerInvariant()}{suffix}");
        if (report.Lines.Count > 0) return 0;
        await stderr.WriteLineAsync("error: no documents found");
        return 1;
    }

    private static async Task WriteInterruptionAsync(TextWriter stderr, ApplyInterruption stop)
    {
        await stderr.WriteLineAsync($"error: writing {Display(stop.FailedAt)} failed: {stop.Error}");
        foreach (var key in stop.ChangedSince)
            await stderr.WriteLineAsync($"  {Display(key)}: written by this apply, then changed by someone else; left as that write made it");
        if (stop.RollbackError is null)
        {
            await stderr.WriteLineAsync($"error: the {stop.RolledBack.Count} document(s) written before it were put back as they were; nothing was applied");
            return;
        }
        await stderr.WriteLineAsync($"error: putting back what was written failed too: {stop.RollbackError}");
        await stderr.WriteLineAsync($"error: exactly these {stop.StillWritten.Count} document(s) are written by this apply; every other document is as it was:");
        foreach (var line in stop.StillWritten) await stderr.WriteLineAsync($"  {Display(line.Key)} {line.Outcome.ToString().ToLowerInvariant()}");
    }

    /// <summary>How kubectl prints a resource: <c>app/web</c>.</summary>
    public static string Display(ResourceKey key) => $"{key.Kind.ToString().ToLowerInvariant()}/{key.Name}";

    /// <summary><c>FILE:LINE:COL: path: message</c>, or <c>FILE: message</c> for errors about a whole file.</summary>
    public static string Format(ManifestError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Line <= 0 ? $"{error.File}: {error.Message}" : error.ToString();
    }

    public static void WriteErrors(TextWriter stderr, IEnumerable<ManifestError> errors)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var e in errors) stderr.WriteLine(Format(e));
    }

    public static void WriteSkipped(TextWriter stderr, LoadedManifests loaded)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(loaded);
        foreach (var file in loaded.Skipped) stderr.WriteLine(ManifestSources.SkipNote(file));
        foreach (var note in loaded.Notes) stderr.WriteLine(ManifestSources.Note(note));
    }
}
