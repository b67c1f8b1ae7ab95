using Ecsctl.Cli;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary>What <c>run</c>, <c>logs</c> and <c>wait</c> share: following a Job to its end and naming its key.</summary>
internal static class JobFollow
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Streams logs until the Job ends; returns its exit code. Ctrl-C asks the operator to stop it (unless only following).</summary>
    public static async Task<int> FollowAsync(ResourceKey key, JobRunService service, JobLogFollower follower, CommandContext ctx, bool stopOnInterrupt, CancellationToken ct, QueuedRun? queued = null)
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

    public static ResourceKey JobKey(IReadOnlyList<string> args, CommandContext ctx, string command)
    {
        var key = ResourceRefs.Keys(args, ctx.Namespace, command).Single();
        return key.Kind == ResourceKind.Job ? key : throw new UsageException($"\"{command}\" works on jobs: {command} job/NAME", command);
    }

    /// <summary>Prints <c>waiting: REASON</c> each time a pending Job's reason changes, so a wait is never silent.</summary>
    public sealed class WaitingReporter(TextWriter err)
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
