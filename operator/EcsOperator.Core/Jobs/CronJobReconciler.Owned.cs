using System.Globalization;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Jobs;

public sealed partial class CronJobReconciler
{
    /// <summary>A Job a CronJob created, read from its name and status (the name carries the slot).</summary>
    private sealed record OwnedJob(ResourceKey Key, DateTimeOffset Slot, string Phase, DateTimeOffset? CompletionTime, StoredResource? Item);

    private async Task<List<OwnedJob>> OwnedJobsAsync(ResourceKey cron, CancellationToken ct)
    {
        var jobs = await store.ListAsync(ResourceKind.Job, cron.Namespace, ct);
        var owned = new List<OwnedJob>();
        foreach (var job in jobs)
        {
            var name = job.Key.Name;
            var dash = name.LastIndexOf('-');
            if (dash <= 0 || !long.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) continue;
            if (minutes > 100_000_000 || JobName(cron.Name, DateTimeOffset.FromUnixTimeSeconds(minutes * 60)) != name) continue;
            var state = JobState.FromJson(job.Status);
            owned.Add(new OwnedJob(job.Key, DateTimeOffset.FromUnixTimeSeconds(minutes * 60), state?.Phase ?? JobPhases.Pending, state?.CompletionTime, job));
        }
        return owned;
    }

    private async Task TrimHistoryAsync(List<OwnedJob> owned, CronJobSpec spec, CancellationToken ct)
    {
        var doomed = owned.Where(j => j.Phase == JobPhases.Succeeded).OrderByDescending(j => j.Slot).Skip(spec.SuccessfulJobsHistoryLimit)
            .Concat(owned.Where(j => j.Phase == JobPhases.Failed).OrderByDescending(j => j.Slot).Skip(spec.FailedJobsHistoryLimit));
        foreach (var job in doomed)
        {
            try
            {
                await store.DeleteAsync(job.Key, job.Item?.Version, ct);
            }
            catch (ConcurrencyException)
            {
                // Changed since listed: the next pass looks again.
            }
        }
    }

    /// <summary>concurrencyPolicy Replace: stop the active Job's task, then delete the Job.</summary>
    private async Task StopAndDeleteAsync(OwnedJob job, CancellationToken ct)
    {
        if (JobState.FromJson(job.Item?.Status) is { Cluster: { } cluster, Current: { TaskArn: { } arn, Outcome: null } })
        {
            try
            {
                await ecs.SendAsync(EcsAction.StopTask, new() { ["cluster"] = cluster, ["task"] = arn, ["reason"] = "ecs-operator: replaced by the next CronJob run" }, ct);
            }
            catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
            {
                // Already gone.
            }
        }
        try
        {
            await store.DeleteAsync(job.Key, null, ct);
        }
        catch (ConcurrencyException)
        {
            // Deleted unconditionally; cannot happen, but a changed Job is still replaced on the next pass.
        }
        await recorder.NormalAsync(job.Key, "Replaced", $"{job.Key.Name} replaced by the next run", ct);
    }
}
