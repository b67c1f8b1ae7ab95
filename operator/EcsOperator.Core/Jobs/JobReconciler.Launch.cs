using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Jobs;

public sealed partial class JobReconciler
{
    private async Task<ReconcileResult> LaunchAsync(Pass pass, JobState state, bool runIsFresh, DateTimeOffset now, CancellationToken ct)
    {
        var resolved = await resolver.ResolveAsync(pass.Doc, pass.Spec, state, runIsFresh, ct);
        if (resolved.Invalid is { } invalid)
        {
            state = state.Finish(JobPhases.Failed, resolved.FailReason, invalid, now);
            return await SaveAsync(pass, state, ct) ? await FinishedAsync(pass, state, now, ct) : ReconcileResult.Done;
        }
        if (resolved.Target is not { } target)
        {
            state = state with { Reason = JobReasons.AppNotReady, Message = resolved.NotReady };
            if (state != pass.Saved && !await SaveAsync(pass, state, ct)) return ReconcileResult.Done;
            return After(NotReadyRetry, state, pass.Policy, now);
        }
        state = state with { Cluster = target.Cluster, TaskDefinitionArn = target.TaskDefinitionArn, Container = target.Container };
        if (state != pass.Saved && !await SaveAsync(pass, state, ct)) return ReconcileResult.Done;

        var startedBy = JobTokens.StartedBy(pass.Key, state.Uid, state.Run);
        NoteLaunching(pass.Key, target.Cluster, startedBy);
        if (runIsFresh) unlaunched[startedBy] = LookedUp.Both;
        try
        {
            if (await FindLaunchedAsync(target.Cluster, startedBy, ct) is { } existing)
            {
                unlaunched.TryRemove(startedBy, out _);
                tracker.Observe(target.Cluster, existing);
                var arn = existing.Str("taskArn")!;
                tracker.Own(pass.Key, target.Cluster, arn);
                state = JobLifecycle.OnLaunched(state, arn, startedBy, Model.EcsTime.Read(existing["startedAt"]) ?? now, target.LogGroup, target.LogStreamOf(arn)) with
                {
                    Reason = JobReasons.Adopted, Message = $"run {state.Run} is already running as {arn}",
                };
                Log.Adopted(logger, state.Run, arn);
                return await SaveAsync(pass, state, ct) ? Poll(state, pass.Policy, now) : ReconcileResult.Done;
            }
            if (pacer?.Reserve(pass.Key) is { } wait && wait > TimeSpan.Zero) return After(wait, state, pass.Policy, now);
            var plan = new RunTaskPlan(
                target.Cluster, target.TaskDefinitionArn, startedBy, JobTokens.ClientToken(pass.Key, state.Uid, state.Run, state.LaunchTry),
                target.Container, pass.Spec.Command, pass.Spec.Environment, pass.Spec.Cpu, pass.Spec.Memory, pass.Spec.LaunchType,
                pass.Spec.CapacityProviderStrategy, pass.Spec.NetworkConfiguration, TagsOf(pass, target.Container, options.StoreEpoch));
            // Until RunTask answers, this process no longer knows whether the run has a task.
            unlaunched.TryRemove(startedBy, out _);
            var resp = await ecs.SendAsync(EcsAction.RunTask, RunTaskRequest.Build(plan), ct);
            if (resp.Arr("tasks").Objects().FirstOrDefault() is { } task && task.Str("taskArn") is { } taskArn)
            {
                tracker.Observe(target.Cluster, task);
                tracker.Own(pass.Key, target.Cluster, taskArn);
                state = JobLifecycle.OnLaunched(state, taskArn, startedBy, now, target.LogGroup, target.LogStreamOf(taskArn));
                Log.Launched(logger, state.Run, taskArn);
                // A failed save means the Job was deleted or changed meanwhile: look again soon (a deleted Job's task is stopped then).
                return await SaveAsync(pass, state, ct) ? Poll(state, pass.Policy, now) : ReconcileResult.After(TimeSpan.Zero);
            }
            var reason = string.Join(", ", resp.Arr("failures").Objects()
                .Select(f => f.Str("detail") is { Length: > 0 } d ? $"{f.Str("reason")} ({d})" : f.Str("reason") ?? "unknown")
                .DefaultIfEmpty("RunTask started no task"));
            unlaunched[startedBy] = LookedUp.Both;
            Log.PlacementFailed(logger, state.Run, reason);
            state = JobLifecycle.OnPlacementFailure(state, pass.Policy, reason, now);
            if (!await SaveAsync(pass, state, ct)) return ReconcileResult.Done;
            return state.IsFinished ? await FinishedAsync(pass, state, now, ct) : After(state.NextLaunchAt!.Value - now, state, pass.Policy, now);
        }
        catch (AwsApiException e) when (e.IsTransient)
        {
            // The next pass looks the run up before launching again.
            return ThrottledRetry(pass.Key, state, e, now);
        }
        catch (AwsApiException e) when (e.IsTerminal)
        {
            state = state.Finish(JobPhases.Failed, JobReasons.InvalidSpec, $"ECS refused the task: {e.Message}", now);
            return await SaveAsync(pass, state, ct) ? await FinishedAsync(pass, state, now, ct) : ReconcileResult.Done;
        }
    }

    /// <summary>
    /// The task of a run, when an earlier pass (maybe of a process that crashed) launched it, running or stopped.
    /// What this process has already established stays known (<see cref="unlaunched"/>), so a pending Job looks a run
    /// up once, and a throttled lookup resumes where it stopped instead of starting over.
    /// </summary>
    private async Task<JsonObject?> FindLaunchedAsync(string cluster, string startedBy, CancellationToken ct)
    {
        var known = unlaunched.GetValueOrDefault(startedBy);
        foreach (var (status, step) in new[] { ("RUNNING", LookedUp.Running), ("STOPPED", LookedUp.Both) })
        {
            if (known >= step) continue;
            var arns = await ecs.ListTasksAsync(cluster, ct, startedBy: startedBy, desiredStatus: status);
            if (arns.Count > 0)
            {
                var (tasks, _) = await ecs.DescribeTasksAsync(cluster, [arns[0]], ct);
                if (tasks.FirstOrDefault() is { } task) return task;
            }
            unlaunched[startedBy] = known = step;
        }
        return null;
    }

    /// <summary>How far this process has looked for a run's task and found none.</summary>
    private enum LookedUp { Nothing, Running, Both }

    /// <summary>Owner tags, the Job's container (whose exit ends the run), plus the Job's simulator annotations (read by
    /// the local simulator as workload behaviour).</summary>
    private static Dictionary<string, string> TagsOf(Pass pass, string container, string? epoch)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OperatorTags.Managed] = "true",
            [OperatorTags.Owner] = pass.Key.Pk,
            [OperatorTags.Container] = container,
        };
        if (epoch is not null) tags[OperatorTags.StoreEpoch] = epoch;
        foreach (var (k, v) in pass.Doc.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (k.StartsWith(JobAnnotations.SimulatorPrefix, StringComparison.Ordinal)) tags[k] = v;
        }
        return tags;
    }
}
