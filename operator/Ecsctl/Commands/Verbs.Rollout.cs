using System.Globalization;
using Ecsctl.Cli;
using Ecsctl.Output;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    public static async Task<int> RolloutAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var sub = line.Args[0];
        var key = AppKey(line.Args[1], ctx.Namespace);
        var service = new RolloutService(ctx.Stores.Resources, ctx.Time, () => LiveEcs.Open(ctx));
        switch (sub)
        {
            case "status":
                TimeSpan? timeout = line.Value("timeout") is { } t
                    ? int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var secs) && secs > 0 ? TimeSpan.FromSeconds(secs)
                        : throw new UsageException($"--timeout: '{t}' is not a number of seconds", "rollout")
                    : null;
                var result = await service.WaitAsync(key, timeout, ctx.Out, ct);
                if (result is not var (outcome, message))
                {
                    ctx.Err.WriteLine($"error: timed out waiting for {ResourceRefs.Display(key)}");
                    return 1;
                }
                if (outcome == RolloutService.Outcome.Done)
                {
                    ctx.Out.WriteLine(message);
                    return 0;
                }
                ctx.Err.WriteLine($"error: rollout failed: {message}");
                return 1;
            case "history":
                var item = await ctx.Stores.Resources.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found");
                var active = item.Status.Str("activeTaskDefinition");
                var rows = RolloutService.Revisions(item).Select(r => (IReadOnlyList<string>)
                [
                    r.Int("revision")?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    r.Str("taskDefinitionArn") == active ? "*" : "",
                    r.Long("generation")?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    r.Str("createdAt") ?? "-",
                    r.Str("taskDefinitionArn") ?? "-",
                ]).ToList();
                if (rows.Count == 0) ctx.Out.WriteLine($"No revisions recorded for {ResourceRefs.Display(key)} yet.");
                else TableWriter.Write(ctx.Out, ["REVISION", "ACTIVE", "GENERATION", "CREATED", "TASK DEFINITION"], rows);
                return 0;
            case "undo":
                int? to = line.Value("to-revision") is { } r2
                    ? int.TryParse(r2, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                        : throw new UsageException($"--to-revision: '{r2}' is not a revision number", "rollout")
                    : null;
                var restored = await service.UndoAsync(key, to, ct);
                ctx.Out.WriteLine($"{ResourceRefs.Display(key)} rolled back to revision {restored}");
                return 0;
            case "restart" or "pause" or "resume":
                return await RolloutControlAsync(sub, key, line, ctx, ct);
            default:
                throw new UsageException($"unknown rollout command \"{sub}\"; use status, history, undo, restart, pause or resume", "rollout");
        }
    }

    public static async Task<int> EventsAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        ResourceKey? key = line.Args.Count > 0 ? ResourceRefs.Keys(line.Args, ctx.Namespace, "events")[0] : null;
        var events = (await ctx.Stores.Events.ListAsync(key, ct))
            .Where(e => key is not null || ctx.AllNamespaces || e.Key.Namespace == ctx.Namespace)
            .OrderBy(e => e.LastTimestamp).ToList();
        if (events.Count == 0)
        {
            ctx.Out.WriteLine("No events found.");
            return 0;
        }
        var now = ctx.Time.GetUtcNow();
        TableWriter.Write(ctx.Out, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"], events.Select(e => (IReadOnlyList<string>)
        [
            TableWriter.Age(e.LastTimestamp, now), e.Type, e.Reason, ResourceRefs.Display(e.Key),
            e.Count.ToString(CultureInfo.InvariantCulture), e.Message,
        ]).ToList());
        return 0;
    }

    private static ResourceKey AppKey(string text, string ns)
    {
        var name = text.Contains('/') ? text : "app/" + text;
        var key = ResourceRefs.Keys([name], ns, "rollout")[0];
        return key.Kind == ResourceKind.App ? key : throw new UsageException("rollout works on apps: ecsctl rollout status app/NAME", "rollout");
    }
}
