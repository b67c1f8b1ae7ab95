using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Jobs;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl wait job/NAME --for=condition=Complete|Failed</c>: exit 0 when the Job meets the condition.</summary>
internal sealed class WaitCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var resource = Words("job", "job/NAME", 1, 2, KindWords);
        var forCondition = CommonOptions.Value("--for", null, "condition=C", "condition=Complete (default) or condition=Failed.");
        var timeout = CommonOptions.Value("--timeout", null, "DURATION", "How long to wait: 90s, 5m, 1h (default 30s).");
        var command = Define("wait", "Wait for a Job condition", "Exit 0 when the condition is met; 1 on timeout or when the Job ended the other way.",
            "ecsctl wait job/migrate --for=condition=Complete --timeout=10m");
        command.Arguments.Add(resource);
        command.Options.Add(forCondition);
        command.Options.Add(timeout);
        Handle(command, options, (ctx, ct) => RunAsync(ctx, ctx.Value(resource)!, ctx.Value(forCondition), ctx.Value(timeout), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, IReadOnlyList<string> args, string? forText, string? timeoutText, CancellationToken ct)
    {
        var key = JobFollow.JobKey(args, ctx, "wait");
        var condition = (forText ?? "condition=Complete") switch
        {
            "condition=Complete" or "condition=complete" => "Complete",
            "condition=Failed" or "condition=failed" => "Failed",
            var other => throw new UsageException($"--for={other}: use condition=Complete or condition=Failed", "wait"),
        };
        var timeout = CliValues.Duration(timeoutText ?? "30s", "timeout", "wait");
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        var deadline = ctx.Time.GetUtcNow() + timeout;
        var waiting = new JobFollow.WaitingReporter(ctx.Err);
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
}
