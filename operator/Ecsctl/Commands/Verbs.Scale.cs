using System.Globalization;
using Ecsctl.Cli;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    /// <summary><c>ecsctl scale app/NAME --replicas N</c> or <c>ecsctl scale scalepolicy/NAME [--min N] [--max A,B]</c>.</summary>
    public static async Task<int> ScaleAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var key = ResourceRefs.Keys([line.Args[0].Contains('/') ? line.Args[0] : "app/" + line.Args[0]], ctx.Namespace, "scale")[0];
        var service = new SetService(ctx.Stores.Resources);
        SetResult result;
        switch (key.Kind)
        {
            case ResourceKind.App:
                if (line.Has("min") || line.Has("max")) throw new UsageException("--min and --max change a ScalePolicy: ecsctl scale scalepolicy/NAME --min N --max A,B", "scale");
                var replicas = ScaleEdits.Count(line.Value("replicas") ?? throw new UsageException("--replicas N is required for an App", "scale"), "replicas", "scale");
                if (await ScaleEdits.PolicyOfAsync(ctx.Stores.Resources, key, ct) is { } policy)
                {
                    throw new CommandFailedException($"the desired count of {ResourceRefs.Display(key)} belongs to scalepolicy/{policy}; "
                        + $"change the policy instead: ecsctl scale scalepolicy/{policy} --min N --max A,B");
                }

                result = await service.EditAsync(key, root => ScaleEdits.SetReplicas(root, replicas), line.Has("dry-run"), ct);
                break;
            case ResourceKind.ScalePolicy:
                if (line.Has("replicas")) throw new UsageException("a ScalePolicy takes --min N and --max A,B, not --replicas", "scale");
                int? min = line.Value("min") is { } m ? ScaleEdits.Count(m, "min", "scale") : null;
                IReadOnlyList<int>? max = line.Value("max") is { } x ? [.. x.Split(',').Select(p => ScaleEdits.Count(p.Trim(), "max", "scale"))] : null;
                if (min is null && max is null) throw new UsageException("give --min N and/or --max A,B", "scale");
                result = await service.EditAsync(key, root => ScaleEdits.SetPolicy(root, min, max), line.Has("dry-run"), ct);
                break;
            default:
                throw new UsageException("scale works on app/NAME and scalepolicy/NAME", "scale");
        }

        return WriteEdit(ctx, result, "scaled", line.Has("dry-run"));
    }

    /// <summary><c>rollout restart|pause|resume app/NAME</c>: annotations the App reconciler acts on.</summary>
    private static async Task<int> RolloutControlAsync(string sub, ResourceKey key, CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var (name, value, done) = sub switch
        {
            "restart" => (AppControls.RestartedAtAnnotation,
                ctx.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), "restarted"),
            "pause" => (AppControls.PausedAnnotation, "true", "paused"),
            _ => (AppControls.PausedAnnotation, (string?)null, "resumed"),
        };
        var result = await new SetService(ctx.Stores.Resources).EditAsync(key, root => ScaleEdits.SetAnnotation(root, name, value), line.Has("dry-run"), ct);
        return WriteEdit(ctx, result, done, line.Has("dry-run"));
    }

    private static int WriteEdit(CommandContext ctx, SetResult result, string done, bool dryRun)
    {
        var display = ResourceRefs.Display(result.Key);
        if (result.Changes.Count == 0)
        {
            ctx.Out.WriteLine($"{display} unchanged");
            return 0;
        }

        foreach (var c in result.Changes) ctx.Out.WriteLine($"{display}: {c.Field}: {c.Before ?? "(unset)"} -> {c.After ?? "(removed)"}");
        if (result.Rewritten) ctx.Err.WriteLine($"note: {display} was written in canonical form (comments and layout of the stored text are not kept for this change)");
        ctx.Out.WriteLine($"{display} {done}{(dryRun ? " (dry run)" : "")}");
        return 0;
    }
}
