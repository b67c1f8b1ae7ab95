using System.Reflection;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary>One handler per verb: builds the options record from the command line, makes one call into the
/// verb's service and renders the result. Exit codes: 0 ok, 1 invalid input or failure (usage errors throw).</summary>
internal static partial class Verbs
{
    private static IReadOnlyList<string> RequireFiles(CommandContext ctx)
    {
        var files = ctx.Line.Values("filename");
        return files.Count > 0 ? files : throw new UsageException("-f FILE|DIR|- is required", ctx.Line.Command!.Name);
    }

    public static Task<int> ApplyAsync(CommandLine line, CommandContext ctx, CancellationToken ct) =>
        new[] { "selector", "prune", "set-image", "env-substitution" }.Any(line.Has)
            ? ApplyVerb.RunAsync(line, ctx, RequireFiles(ctx), ct)
            : ApplyCommand.RunAsync(ctx.Stores.Resources, new ApplyRequest(RequireFiles(ctx), line.Has("dry-run"), line.Value("namespace")),
            ctx.Stdin, ctx.Out, ctx.Err, ct);

    public static async Task<int> GetAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var output = ctx.Output;
        if (line.Args[0] is "orphans" or "orphan") return await GetOrphansAsync(line, ctx, ct);
        ResourceKind? kind = line.Args[0] == "all" ? null : ResourceRefs.Kind(line.Args[0], "get");
        var name = line.Args.Count > 1 ? line.Args[1] : null;
        if (name is not null && kind is null) throw new UsageException("a name needs a kind: ecsctl get <kind> <name>", "get");
        if (name is not null && ctx.AllNamespaces) throw new UsageException("a name cannot be combined with -A", "get");
        var ns = ctx.AllNamespaces ? null : ctx.Namespace;
        var items = await new GetService(ctx.Stores.Resources).GetAsync(new GetOptions(kind, name, ns), ct);
        if (Selector(line) is { } selector) items = [.. items.Where(selector.Matches)];
        if (line.Has("watch")) return await WatchAsync(line, ctx, kind, name, ns, items, ct);
        if (name is not null && items.Count == 0)
        {
            ctx.Err.WriteLine($"error: {kind.ToString()!.ToLowerInvariant()} \"{name}\" not found in namespace \"{ns}\"");
            return 1;
        }

        switch (output)
        {
            case OutputFormat.Name or OutputFormat.JsonPath:
                WriteSelected(ctx, items, name is not null);
                break;
            case OutputFormat.Json or OutputFormat.Yaml:
                var node = name is not null ? ObjectOutput.ToObject(items[0]) : ObjectOutput.ToList(items);
                ObjectOutput.Write(ctx.Out, node, output == OutputFormat.Yaml);
                break;
            default:
                if (items.Count == 0)
                {
                    ctx.Err.WriteLine(ns is null ? "No resources found." : $"No resources found in {ns} namespace.");
                    break;
                }

                var first = true;
                foreach (var group in items.GroupBy(i => i.Resource.Key.Kind))
                {
                    if (!first) ctx.Out.WriteLine();
                    first = false;
                    if (kind is null) ctx.Out.WriteLine($"# {group.Key}");
                    Tables.Write(ctx.Out, group.Key, group.ToList(), output == OutputFormat.Wide, ns is null, ctx.Time.GetUtcNow());
                }

                break;
        }

        return 0;
    }

    public static async Task<int> DescribeAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var keys = ResourceRefs.Keys(line.Args, ctx.Namespace, "describe");
        var described = await new DescribeService(ctx.Stores.Resources, ctx.Stores.Events).DescribeAsync(new DescribeOptions(keys), ct);
        var exit = 0;
        for (var i = 0; i < described.Count; i++)
        {
            if (described[i].Item is null)
            {
                ctx.Err.WriteLine($"error: {ResourceRefs.Display(described[i].Key)} not found in namespace \"{described[i].Key.Namespace}\"");
                exit = 1;
                continue;
            }

            if (i > 0) ctx.Out.WriteLine();
            DescribeWriter.Write(ctx.Out, described[i], ctx.Time.GetUtcNow());
        }

        return exit;
    }

    public static async Task<int> DeleteAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var files = line.Values("filename");
        if (files.Count > 0 && line.Args.Count > 0) throw new UsageException("give either <kind>/<name> or -f, not both", "delete");
        var keys = files.Count > 0 ? [] : Selector(line) is { } selector
            ? await SelectedKeysAsync(line, ctx, selector, ct)
            : ResourceRefs.Keys(line.Args, ctx.Namespace, "delete");
        var options = new DeleteOptions(keys, files, line.Has("dry-run"), files.Count > 0 ? line.Value("namespace") : null);
        var report = await new DeleteService(ctx.Stores.Resources).DeleteAsync(options, ctx.Stdin, ct);
        foreach (var file in report.Skipped ?? []) ctx.Err.WriteLine(ManifestSources.SkipNote(file));
        if (report.Errors.Count > 0)
        {
            ErrorText.WriteAll(ctx.Err, report.Errors);
            ctx.Err.WriteLine($"error: {report.Errors.Count} error(s); nothing was deleted");
            return 1;
        }

        var exit = 0;
        var suffix = options.DryRun ? " (dry run)" : "";
        foreach (var l in report.Lines)
        {
            if (l.Found) ctx.Out.WriteLine($"{ResourceRefs.Display(l.Key)} deleted{suffix}");
            else if (!line.Has("ignore-not-found"))
            {
                ctx.Err.WriteLine($"error: {ResourceRefs.Display(l.Key)} not found in namespace \"{l.Key.Namespace}\"");
                exit = 1;
            }
        }

        return exit;
    }

    public static async Task<int> DiffAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var service = new DiffService(ctx.Stores.Resources, () => LiveEcs.Open(ctx));
        var report = await service.DiffAsync(new DiffOptions(RequireFiles(ctx), line.Value("namespace")), ctx.Stdin, ct);
        foreach (var file in report.Skipped) ctx.Err.WriteLine(ManifestSources.SkipNote(file));
        foreach (var note in report.Notes) ctx.Err.WriteLine(note);
        if (report.Errors.Count > 0)
        {
            ErrorText.WriteAll(ctx.Err, report.Errors);
            return 1;
        }

        ctx.Out.Write(report.Diff);
        foreach (var ignored in report.Ignored) ctx.Out.WriteLine(ignored);
        return report.HasDifferences ? 1 : 0;
    }

    public static async Task<int> ValidateAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var loaded = await ValidateService.ValidateAsync(new ValidateOptions(RequireFiles(ctx), line.Value("namespace")), ctx.Stdin, ct);
        ApplyCommand.WriteSkipped(ctx.Err, loaded);
        if (!loaded.Ok)
        {
            ErrorText.WriteAll(ctx.Err, loaded.Errors);
            ctx.Err.WriteLine($"error: {loaded.Errors.Count} error(s)");
            return 1;
        }

        foreach (var warning in await FamilyWarnings.FindAsync(loaded.Documents, store: null, ct)) ctx.Err.WriteLine(warning);
        if (line.Value("region") is { Length: > 0 } region)
        {
            foreach (var warning in DocumentRegions.Warnings(loaded.Documents, region)) ctx.Err.WriteLine(warning);
        }
        ctx.Out.WriteLine($"{loaded.Documents.Count} document(s) in {loaded.Files} file(s) are valid");
        return 0;
    }

    public static Task<int> VersionAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var assembly = typeof(Verbs).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        ctx.Out.WriteLine($"ecsctl {version} (api {ResourceKinds.ApiVersion})");
        return Task.FromResult(0);
    }
}
