using System.Globalization;
using Ecsctl.Cli;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var target = line.Args[0].Split('/');
        if (target.Length != 2 || !ResourceKinds.TryParse(target[0], out var kind) || kind != ResourceKind.App)
            throw new UsageException($"\"{line.Args[0]}\" is not app/NAME", "run");
        var app = ResourceRefs.Key(ResourceKind.App, ctx.Namespace, target[1], "run");
        var request = new RunRequest(app.Name, line.Value("container"), [.. line.Args.Skip(1)], Pairs(line.Values("env"), "env"),
            Number(line.Value("cpu"), "cpu"), Number(line.Value("memory"), "memory"), Number(line.Value("timeout"), "timeout"),
            Pairs(line.Values("annotation"), "annotation"));
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        if (await ctx.Stores.Resources.GetAsync(app, ct) is null)
            throw new CommandFailedException($"{ResourceRefs.Display(app)} not found in namespace \"{app.Namespace}\"");
        var key = new ResourceKey(ResourceKind.Job, app.Namespace, service.NewJobName(app.Name));
        var manifest = JobRunService.Manifest(key, request);
        QueuedRun? queued = null;
        if (line.Has("via-queue"))
        {
            var acceptTimeout = line.Value("accept-timeout") is { } t ? Duration(t, "accept-timeout") : QueuedRun.DefaultAcceptTimeout;
            var queue = await JobBackends.QueueAsync(ctx, ct);
            var id = await queue.SendAsync(manifest, null, ct);
            queued = new QueuedRun(queue, id, acceptTimeout);
            await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} requested (queue message {id})");
        }
        else
        {
            await ctx.Stores.Resources.PutAsync(key, manifest, Versions.MustNotExist, ct);
            await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} created");
        }
        if (line.Has("detach"))
        {
            await ctx.Out.WriteLineAsync(key.Name);
            return 0;
        }
        return await FollowAsync(key, service, new JobLogFollower(JobBackends.Logs(ctx), ctx.Out, null), ctx, stopOnInterrupt: true, ct, queued);
    }

    public static async Task<int> LogsAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var key = JobKey(line.Args, ctx, "logs");
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        var follower = new JobLogFollower(JobBackends.Logs(ctx), ctx.Out, line.Value("container"));
        if (line.Has("follow")) return await FollowAsync(key, service, follower, ctx, stopOnInterrupt: false, ct) is Interrupted ? Interrupted : 0;
        if (await service.StateAsync(key, ct) is not { } state) throw new CommandFailedException($"{ResourceRefs.Display(key)} has not started yet");
        await follower.PumpAsync(state, ct);
        return 0;
    }

    public static async Task<int> WaitAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var key = JobKey(line.Args, ctx, "wait");
        var condition = (line.Value("for") ?? "condition=Complete") switch
        {
            "condition=Complete" or "condition=complete" => "Complete",
            "condition=Failed" or "condition=failed" => "Failed",
            var other => throw new UsageException($"--for={other}: use condition=Complete or condition=Failed", "wait"),
        };
        var timeout = Duration(line.Value("timeout") ?? "30s", "timeout");
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        var deadline = ctx.Time.GetUtcNow() + timeout;
        var waiting = new WaitingReporter(ctx.Err);
        while (true)
        {
            var (state, refused) = await service.ProgressAsync(key, ct);
            if (refused is not null && condition == "Failed")
            {
                await ctx.Out.WriteLineAsync($"{ResourceRefs.Display(key)} condition met");
                return 0;
            }
            if (refused is not null)
            {
                await ctx.Err.WriteLineAsync($"error: {ResourceRefs.Display(key)} was refused ({refused}); condition {condition} will never be met");
                return 1;
            }
            if (state is not null) await waiting.ReportAsync(state);
            if (state is { IsFinished: true } s)
            {
                var met = (s.Phase == JobPhases.Succeeded) == (condition == "Complete");
                if (met)
                {
                    await ctx.Out.WriteLineAsync($"{ResourceRefs.Display(key)} condition met");
                    return 0;
                }
                await ctx.Err.WriteLineAsync($"error: {ResourceRefs.Display(key)} ended {s.Phase} ({s.Reason}: {s.Message}); condition {condition} will never be met");
                return 1;
            }
            if (ctx.Time.GetUtcNow() >= deadline)
            {
                await ctx.Err.WriteLineAsync($"error: timed out waiting for the condition on {ResourceRefs.Display(key)}");
                return 1;
            }
            await Task.Delay(JobRunService.PollInterval, ctx.Time, ct);
        }
    }

    /// <summary>Streams logs until the Job ends; returns its exit code. Ctrl-C asks the operator to stop it (unless only following).</summary>
    private static async Task<int> FollowAsync(ResourceKey key, JobRunService service, JobLogFollower follower, CommandContext ctx, bool stopOnInterrupt, CancellationToken ct, QueuedRun? queued = null)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var waitingSince = ctx.Time.GetUtcNow();
            var hinted = false;
            var waiting = new WaitingReporter(ctx.Err);
            var accepted = queued is null;
            while (true)
            {
                if (!accepted)
                {
                    accepted = await service.ExistsAsync(key, interrupt.Token);
                    if (!accepted && await queued!.RefusalAsync(key, ctx.Time.GetUtcNow() - waitingSince, interrupt.Token) is { } refusal)
                    {
                        await ctx.Err.WriteLineAsync($"error: {refusal}");
                        return 1;
                    }
                }
                var (state, refused) = accepted ? await service.ProgressAsync(key, interrupt.Token) : (null, null);
                if (refused is not null)
                {
                    await ctx.Err.WriteLineAsync($"error: {ResourceRefs.Display(key)} was refused: {refused}");
                    return 1;
                }
                if (state is not null)
                {
                    await waiting.ReportAsync(state);
                    await follower.PumpAsync(state, interrupt.Token);
                }
                if (state is { IsFinished: true })
                {
                    var code = JobRunService.ExitCodeOf(state);
                    if (code != 0) await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} {state.Phase}: {state.Reason}: {state.Message} (exit code {code})");
                    return code;
                }
                if (state is null && !hinted && ctx.Time.GetUtcNow() - waitingSince > TimeSpan.FromSeconds(15))
                {
                    hinted = true;
                    await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} is not picked up yet: is the operator running (ecs-operator local / run)?");
                }
                await Task.Delay(JobRunService.PollInterval, ctx.Time, interrupt.Token);
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            if (!stopOnInterrupt) return Interrupted;
            await ctx.Err.WriteLineAsync($"interrupted: stopping {ResourceRefs.Display(key)} (use --detach to leave it running)");
            await service.RequestStopAsync(key, "interrupted by ecsctl run", CancellationToken.None);
            return Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static ResourceKey JobKey(IReadOnlyList<string> args, CommandContext ctx, string command)
    {
        var key = ResourceRefs.Keys(args, ctx.Namespace, command).Single();
        return key.Kind == ResourceKind.Job ? key : throw new UsageException($"\"{command}\" works on jobs: {command} job/NAME", command);
    }

    private static Dictionary<string, string> Pairs(IReadOnlyList<string> values, string flag)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--{flag} {v}: use KEY=VALUE", "run");
            pairs[v[..eq]] = v[(eq + 1)..];
        }
        return pairs;
    }

    private static int? Number(string? value, string flag) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new UsageException($"--{flag} {value}: not a positive whole number", "run");

    /// <summary>Durations as kubectl writes them: <c>90</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>.</summary>
    private static TimeSpan Duration(string text, string flag)
    {
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[^1] : 's';
        var digits = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || n > 1e8 || !double.IsFinite(n))
            throw new UsageException($"--{flag}={text}: use e.g. 90s, 5m or 1h", flag == "timeout" ? "wait" : "run");
        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => throw new UsageException($"--{flag}={text}: use e.g. 90s, 5m or 1h", flag == "timeout" ? "wait" : "run"),
        };
    }

    /// <summary>Prints <c>waiting: REASON</c> each time a pending Job's reason changes, so a wait is never silent.</summary>
    private sealed class WaitingReporter(TextWriter err)
    {
        private string? last;

        public async Task ReportAsync(JobState state)
        {
            var now = JobRunService.WaitingFor(state);
            if (now is null || now == last) return;
            last = now;
            await err.WriteLineAsync($"waiting: {now}");
        }
    }
}
