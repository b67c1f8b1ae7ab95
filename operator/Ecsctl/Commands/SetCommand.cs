using System.CommandLine;
using Ecsctl.Cli;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl set image KIND/NAME CONTAINER=IMAGE...</c> and <c>ecsctl set env KIND/NAME CONTAINER KEY=VALUE... KEY-...</c>.</summary>
internal sealed class SetCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var what = Word("what", "image|env", "image", "env");
        var target = new Argument<string>("resource") { HelpName = "KIND/NAME" };
        var changes = new Argument<string[]>("changes") { Arity = new ArgumentArity(1, 998), HelpName = "changes", Description = "image: CONTAINER=IMAGE...; env: CONTAINER KEY=VALUE... KEY-..." };
        var command = Define("set", "Change an App's (Job's, CronJob's) images or environment in the store",
            "Changes only those fields of the stored manifest (other text, comments included, stays as written when a value is replaced) and writes it back only if nobody else changed it meanwhile (exit 1 otherwise). "
            + "CONTAINER * sets every container's image. Jobs and CronJobs with an inline taskDefinition are changed there; with appRef, set env changes spec.environment.",
            "ecsctl set image app/web app=123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:v42\necsctl set env app/web app RAILS_MAX_THREADS=8 OLD_FLAG-\n"
            + "ecsctl set env cronjob/nightly-report app REPORT_DAY=monday --dry-run");
        command.Arguments.Add(what);
        command.Arguments.Add(target);
        command.Arguments.Add(changes);
        command.Options.Add(options.DryRun);
        Handle(command, options, (ctx, ct) => RunAsync(ctx, ctx.Value(what)!, ctx.Value(target)!, ctx.Value(changes)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, string sub, string target, IReadOnlyList<string> rest, CancellationToken ct)
    {
        var key = ResourceRefs.Keys([target.Contains('/') ? target : "app/" + target], ctx.Namespace, "set")[0];
        var service = new SetService(ctx.Stores.Resources);
        SetResult result;
        switch (sub)
        {
            case "image":
                var images = rest.Select(a => Pair(a, "CONTAINER=IMAGE")).ToList();
                if (images.Count == 0) throw new UsageException("name at least one CONTAINER=IMAGE", "set");
                result = await service.EditAsync(key, root => ManifestEdits.SetImages(key, root, images), ctx.DryRun, ct);
                break;
            case "env":
                if (rest.Count < 2) throw new UsageException("usage: ecsctl set env KIND/NAME CONTAINER KEY=VALUE... [KEY-]...", "set");
                var env = rest.Skip(1).Select(EnvArg).ToList();
                result = await service.EditAsync(key, root => ManifestEdits.SetEnv(key, root, rest[0], env), ctx.DryRun, ct);
                break;
            default:
                throw new UsageException($"unknown set command \"{sub}\"; use image or env", "set");
        }

        return EditOutput.Write(ctx, result, sub + " updated", ctx.DryRun);
    }

    private static (string Name, string? Value) EnvArg(string text)
    {
        if (text.Length > 1 && text.EndsWith('-') && !text.Contains('=', StringComparison.Ordinal)) return (text[..^1], null);
        var (name, value) = Pair(text, "KEY=VALUE or KEY-");
        return (name, value);
    }

    private static (string Left, string Right) Pair(string text, string shape)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new UsageException($"\"{text}\" is not {shape}", "set");
        return (text[..eq], text[(eq + 1)..]);
    }
}
