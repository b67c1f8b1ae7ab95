using System.CommandLine;
using System.Globalization;
using Ecsctl.Cli;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl logs job/NAME</c> (every run of the Job) or <c>ecsctl logs app/NAME</c> (the service's tasks).</summary>
internal sealed class LogsCommand : VerbCommand
{
    private static readonly TimeSpan AppLogPollInterval = TimeSpan.FromSeconds(2);

    public override Command Create(CommonOptions options)
    {
        var resource = Words("resource", "job/NAME|app/NAME", 1, 2, KindWords);
        var follow = CommonOptions.Switch("--follow", "-f", "Keep printing until the Job ends (an App: until Ctrl-C).");
        var container = CommonOptions.Value("--container", "-c", "NAME", "Another container of the task.");
        var since = CommonOptions.Value("--since", null, "DURATION", "App: only lines of the last 90s, 10m, 1h.");
        var tail = CommonOptions.Value("--tail", null, "N", "App: only the last N lines before following.");
        var command = Define("logs", "Print a Job's or an App's container output",
            "Reads CloudWatch Logs (the simulator's logs locally) of every run of the Job. -f follows until the Job ends. "
            + "For an App: the service's running and recently stopped tasks, each line prefixed by its task id; -f keeps following (new tasks of a rollout included) until Ctrl-C.",
            "ecsctl logs job/web-migrate-r7\necsctl logs job/nightly-29459700 -f\necsctl logs app/web -f --since 10m --tail 100");
        command.Arguments.Add(resource);
        command.Options.Add(follow);
        command.Options.Add(container);
        command.Options.Add(since);
        command.Options.Add(tail);
        Handle(command, options, (ctx, ct) =>
        {
            var args = ctx.Value(resource)!;
            var flags = new LogFlags(ctx.Value(follow), ctx.Value(container), ctx.Value(since), ctx.Value(tail));
            if (args[0].StartsWith("app/", StringComparison.Ordinal) || args[0] is "app" or "apps") return AppLogsAsync(ctx, args, flags, ct);
            if (flags.Since is not null || flags.Tail is not null) throw new UsageException("--since and --tail apply to app/NAME", "logs");
            return JobLogsAsync(ctx, args, flags, ct);
        });
        return command;
    }

    private sealed record LogFlags(bool Follow, string? Container, string? Since, string? Tail);

    private static async Task<int> JobLogsAsync(CommandContext ctx, IReadOnlyList<string> args, LogFlags flags, CancellationToken ct)
    {
        var key = JobFollow.JobKey(args, ctx, "logs");
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        var follower = new JobLogFollower(JobBackends.Logs(ctx), ctx.Out, flags.Container);
        if (flags.Follow)
            return await JobFollow.FollowAsync(key, service, follower, ctx, stopOnInterrupt: false, ct) is JobFollow.Interrupted ? JobFollow.Interrupted : 0;
        if (await service.StateAsync(key, ct) is not { } state) throw new CommandFailedException($"{ResourceRefs.Display(key)} has not started yet");
        await follower.PumpAsync(state, ct);
        return 0;
    }

    private static async Task<int> AppLogsAsync(CommandContext ctx, IReadOnlyList<string> args, LogFlags flags, CancellationToken ct)
    {
        var key = ResourceRefs.Keys(args, ctx.Namespace, "logs")[0];
        var item = await ctx.Stores.Resources.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok) throw new CommandFailedException($"the stored manifest of {ResourceRefs.Display(key)} is invalid: {parsed.Errors[0]}");
        var spec = parsed.Documents[0].Spec;
        var cluster = item.Status.Str("cluster") ?? spec.Str("cluster")!;
        var service = item.Status.Str("serviceName") ?? spec.Obj("service").Str("serviceName") ?? key.Name;
        DateTimeOffset? since = flags.Since is { } s ? ctx.Time.GetUtcNow() - CliValues.Duration(s, "since", "logs") : null;
        int? tail = flags.Tail is { } t
            ? int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--tail {t}: not a number of lines", "logs")
            : null;
        var local = ctx.Stores.Resources is LocalResourceStore;
        var reader = new AppLogs(JobBackends.Logs(ctx), ctx.Out, new AppLogOptions(cluster, service, flags.Container, since, tail, local));
        for (var first = true; ; first = false)
        {
            using (var live = LiveEcs.Open(ctx))
            {
                if (live is null) throw new CommandFailedException("no simulated cluster has been saved yet: start the operator (ecs-operator local) first");
                foreach (var note in await reader.PumpAsync(live.Ecs, first, ct)) await ctx.Err.WriteLineAsync(note);
            }

            if (!flags.Follow) return 0;
            try
            {
                await Task.Delay(AppLogPollInterval, ctx.Time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0; // Ctrl-C ends a follow
            }
        }
    }
}
