using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl run app/NAME -- COMMAND...</c>: a one-off Job with the App's task definition, followed to its
/// end; ecsctl exits with the Job's exit code.</summary>
internal sealed class RunCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var target = Word("app", "app/NAME", KindWords);
        var commandLine = new Argument<string[]>("command") { Arity = new ArgumentArity(0, 9999), HelpName = "command", Description = "The command and its arguments (after --, so that its own flags are not ecsctl's)." };
        var container = CommonOptions.Value("--container", "-c", "NAME", "Container to run the command in (default: the first essential one).");
        var env = CommonOptions.Repeatable("--env", "-e", "K=V", "Environment variable for the command; repeatable.");
        var cpu = CommonOptions.Value("--cpu", null, "UNITS", "CPU units for the container (1024 = 1 vCPU).");
        var memory = CommonOptions.Value("--memory", null, "MIB", "Memory for the container in MiB.");
        var timeout = CommonOptions.Value("--timeout", null, "SECONDS", "Stop the task and fail the Job after this long.");
        var annotation = CommonOptions.Repeatable("--annotation", null, "K=V", "Annotation on the Job (e.g. simulator.ecs.operator/exit-code=3 locally); repeatable.");
        var viaQueue = CommonOptions.Switch("--via-queue", null, "Send the Job through the job queue instead of writing it to the store.");
        var acceptTimeout = CommonOptions.Value("--accept-timeout", null, "DURATION",
            "With --via-queue: give up (exit 1) when the operator has not made the message a Job after this long (default 60s); a dead-lettered message ends the wait at once with its reason.");
        var detach = CommonOptions.Switch("--detach", "-d", "Print the Job's name and return at once.");
        var command = Define("run", "Run a one-off command with an App's task definition and exit with its exit code",
            "Creates a Job (or sends it through the job queue with --via-queue), streams its output, waits and exits with the job's own exit code. Ctrl-C stops the task unless --detach. Needs a running operator (locally: ecs-operator local).",
            "ecsctl run app/web -- bin/rails db:migrate:status\necsctl run app/web --env VERBOSE=1 --timeout 600 -- bundle exec rake reports:daily");
        command.Arguments.Add(target);
        command.Arguments.Add(commandLine);
        foreach (var option in new Option[] { container, env, cpu, memory, timeout, annotation, viaQueue, acceptTimeout, options.Queue, detach }) command.Options.Add(option);
        Handle(command, options, (ctx, ct) =>
        {
            var request = new RunRequest(AppName(ctx, ctx.Value(target)!), ctx.Value(container), ctx.Value(commandLine) ?? [],
                CliValues.Pairs(ctx.Values(env), "env", "run"), CliValues.Positive(ctx.Value(cpu), "cpu", "run"),
                CliValues.Positive(ctx.Value(memory), "memory", "run"), CliValues.Positive(ctx.Value(timeout), "timeout", "run"),
                CliValues.Pairs(ctx.Values(annotation), "annotation", "run"));
            var accept = ctx.Value(viaQueue) ? ctx.Value(acceptTimeout) is { } t ? CliValues.Duration(t, "accept-timeout", "run") : QueuedRun.DefaultAcceptTimeout : (TimeSpan?)null;
            return RunAsync(ctx, request, accept, ctx.Value(detach), ct);
        });
        return command;
    }

    private static string AppName(CommandContext ctx, string text)
    {
        var target = text.Split('/');
        if (target.Length != 2 || !ResourceKinds.TryParse(target[0], out var kind) || kind != ResourceKind.App)
            throw new UsageException($"\"{text}\" is not app/NAME", "run");
        return ResourceRefs.Key(ResourceKind.App, ctx.Namespace, target[1], "run").Name;
    }

    /// <param name="acceptTimeout">Null: write the Job to the store; else send it through the job queue and wait this
    /// long for the operator to accept it.</param>
    private static async Task<int> RunAsync(CommandContext ctx, RunRequest request, TimeSpan? acceptTimeout, bool detach, CancellationToken ct)
    {
        var app = new ResourceKey(ResourceKind.App, ctx.Namespace, request.App);
        var service = new JobRunService(ctx.Stores.Resources, ctx.Time);
        if (await ctx.Stores.Resources.GetAsync(app, ct) is null)
            throw new CommandFailedException($"{ResourceRefs.Display(app)} not found in namespace \"{app.Namespace}\"");
        var key = new ResourceKey(ResourceKind.Job, app.Namespace, service.NewJobName(app.Name));
        var manifest = JobRunService.Manifest(key, request);
        QueuedRun? queued = null;
        if (acceptTimeout is { } accept)
        {
            var queue = await JobBackends.QueueAsync(ctx, ct);
            var id = await queue.SendAsync(manifest, null, ct);
            queued = new QueuedRun(queue, id, accept);
            await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} requested (queue message {id})");
        }
        else
        {
            await ctx.Stores.Resources.PutAsync(key, manifest, Versions.MustNotExist, ct);
            await ctx.Err.WriteLineAsync($"{ResourceRefs.Display(key)} created");
        }

        if (detach)
        {
            await ctx.Out.WriteLineAsync(key.Name);
            return 0;
        }

        return await JobFollow.FollowAsync(key, service, new JobLogFollower(JobBackends.Logs(ctx), ctx.Out, null), ctx, stopOnInterrupt: true, ct, queued);
    }
}
