using System.Globalization;
using Ecsctl.Cli;
using EcsOperator.Core.Json;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    private static readonly TimeSpan AppLogPollInterval = TimeSpan.FromSeconds(2);

    /// <summary><c>ecsctl logs app/NAME</c> goes to the App's tasks; every other reference to the Job logs.</summary>
    public static Task<int> LogsAnyAsync(CommandLine line, CommandContext ctx, CancellationToken ct) =>
        line.Args[0].StartsWith("app/", StringComparison.Ordinal) || line.Args[0] is "app" or "apps"
            ? AppLogsAsync(line, ctx, ct)
            : line.Has("since") || line.Has("tail") ? throw new UsageException("--since and --tail apply to app/NAME", "logs") : LogsAsync(line, ctx, ct);

    private static async Task<int> AppLogsAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var key = ResourceRefs.Keys(line.Args, ctx.Namespace, "logs")[0];
        var item = await ctx.Stores.Resources.GetAsync(key, ct) ?? throw new CommandFailedException($"{ResourceRefs.Display(key)} not found in namespace \"{key.Namespace}\"");
        var parsed = ManifestParser.ParseSingle(item.Manifest, key.Pk);
        if (!parsed.Ok) throw new CommandFailedException($"the stored manifest of {ResourceRefs.Display(key)} is invalid: {parsed.Errors[0]}");
        var spec = parsed.Documents[0].Spec;
        var cluster = item.Status.Str("cluster") ?? spec.Str("cluster")!;
        var service = item.Status.Str("serviceName") ?? spec.Obj("service").Str("serviceName") ?? key.Name;
        DateTimeOffset? since = line.Value("since") is { } s ? ctx.Time.GetUtcNow() - Duration(s, "since") : null;
        int? tail = line.Value("tail") is { } t
            ? int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--tail {t}: not a number of lines", "logs")
            : null;
        var local = ctx.Stores.Resources is LocalResourceStore;
        var reader = new AppLogs(JobBackends.Logs(ctx), ctx.Out, new AppLogOptions(cluster, service, line.Value("container"), since, tail, local));
        for (var first = true; ; first = false)
        {
            using (var live = LiveEcs.Open(ctx))
            {
                if (live is null) throw new CommandFailedException("no simulated cluster has been saved yet: start the operator (ecs-operator local) first");
                foreach (var note in await reader.PumpAsync(live.Ecs, first, ct)) await ctx.Err.WriteLineAsync(note);
            }

            if (!line.Has("follow")) return 0;
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
