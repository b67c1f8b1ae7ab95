using System.CommandLine;
using System.Globalization;
using Ecsctl.Cli;
using Ecsctl.Output;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl rollout status|history|undo|restart|pause|resume app/NAME</c>.</summary>
internal sealed class RolloutCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var action = Word("action", "status|history|undo|restart|pause|resume", "status", "history", "undo", "restart", "pause", "resume");
        var app = new Argument<string>("app") { HelpName = "app/NAME" };
        var timeout = CommonOptions.Value("--timeout", null, "SECONDS", "Give up waiting after this long (status).");
        var toRevision = CommonOptions.Value("--to-revision", null, "N", "The revision to go back to (undo; default: the previous one).");
        var command = Define("rollout", "Watch, list, undo, restart, pause or resume an App's rollouts",
            "status waits until the rollout finishes (exit 0) or fails: rolled back, deadline exceeded, hook failed (exit 1). history lists the task definition revisions; undo puts an earlier revision's task definition back into the App. "
            + "restart sets the annotation ecs.operator/restartedAt: the operator makes one new deployment of the running revision (ECS forceNewDeployment). pause sets ecs.operator/paused: \"true\": a changed task definition is not rolled out (status Progressing=False/Paused) until resume removes it.",
            "ecsctl rollout status app/web --timeout 600\necsctl rollout history app/web\necsctl rollout undo app/web --to-revision 3\necsctl rollout restart app/web && ecsctl rollout status app/web");
        command.Arguments.Add(action);
        command.Arguments.Add(app);
        command.Options.Add(timeout);
        command.Options.Add(toRevision);
        command.Options.Add(options.DryRun);
        Handle(command, options, (ctx, ct) => RunAsync(ctx, ctx.Value(action)!, ctx.Value(app)!, ctx.Value(timeout), ctx.Value(toRevision), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, string sub, string app, string? timeoutText, string? revisionText, CancellationToken ct)
    {
        var key = AppKey(app, ctx.Namespace);
        var service = new RolloutService(ctx.Stores.Resources, ctx.Time, () => LiveEcs.Open(ctx));
        switch (sub)
        {
            case "status":
                TimeSpan? timeout = timeoutText is { } t
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
                return await HistoryAsync(ctx, key, ct);
            case "undo":
                int? to = revisionText is { } r
                    ? int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                        : throw new UsageException($"--to-revision: '{r}' is not a revision number", "rollout")
                    : null;
                var restored = await service.UndoAsync(key, to, ct);
                ctx.Out.WriteLine($"{ResourceRefs.Display(key)} rolled back to revision {restored}");
                return 0;
            case "restart" or "pause" or "resume":
                return await ControlAsync(ctx, sub, key, ct);
            default:
                throw new UsageException($"unknown rollout command \"{sub}\"; use status, history, undo, restart, pause or resume", "rollout");
        }
    }

    private static async Task<int> HistoryAsync(CommandContext ctx, ResourceKey key, CancellationToken ct)
    {
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
    }

    /// <summary><c>rollout restart|pause|resume app/NAME</c>: annotations the App reconciler acts on.</summary>
    private static async Task<int> ControlAsync(CommandContext ctx, string sub, ResourceKey key, CancellationToken ct)
    {
        var (name, value, done) = sub switch
        {
            "restart" => (AppControls.RestartedAtAnnotation,
                EcsOperator.Core.Model.Rfc3339.Format(ctx.Time.GetUtcNow()), "restarted"),
            "pause" => (AppControls.PausedAnnotation, "true", "paused"),
            _ => (AppControls.PausedAnnotation, (string?)null, "resumed"),
        };
        var result = await new SetService(ctx.Stores.Resources).EditAsync(key, root => ScaleEdits.SetAnnotation(root, name, value), ctx.DryRun, ct);
        return EditOutput.Write(ctx, result, done, ctx.DryRun);
    }

    private static ResourceKey AppKey(string text, string ns)
    {
        var name = text.Contains('/') ? text : "app/" + text;
        var key = ResourceRefs.Keys([name], ns, "rollout")[0];
        return key.Kind == ResourceKind.App ? key : throw new UsageException("rollout works on apps: ecsctl rollout status app/NAME", "rollout");
    }
}
