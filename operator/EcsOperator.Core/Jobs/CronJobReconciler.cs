using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Core.Jobs;

/// <summary>
/// Creates a CronJob's Jobs on its schedule. Each slot's Job is named <c>&lt;cronjob&gt;-&lt;unix minutes of the slot&gt;</c>
/// and written create-only, so two operators or a restart never run one slot twice. After downtime only the latest
/// missed slot runs (and only within startingDeadlineSeconds). Forbid skips a slot while a Job is active, Replace
/// stops the active Jobs first. Finished Jobs beyond the history limits are deleted.
/// </summary>
public sealed partial class CronJobReconciler(
    IResourceStore store, IEventStore events, IEcsApi ecs, TimeProvider time, ILogger<CronJobReconciler> logger) : IReconciler
{
    private static readonly TimeSpan ActivePoll = TimeSpan.FromMinutes(5);

    private readonly StatusWriter statusWriter = new(store);
    private readonly EventRecorder recorder = new(events, time);

    public ResourceKind Kind => ResourceKind.CronJob;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken ct)
    {
        var stored = await store.GetAsync(key, ct);
        if (stored is null) return ReconcileResult.Done;
        var manifest = ManifestLoader.Load<CronJobSpec>(stored);
        var (doc, spec) = (manifest.Doc, manifest.Spec);
        var schedule = CronSchedule.TryCreate(spec.Schedule, spec.TimeZone, out var error)
            ?? throw new TerminalReconcileException(JobReasons.InvalidSpec, error!);
        var now = time.GetUtcNow();

        var status = StatusWriter.Read<CronJobStatus>(stored) ?? new CronJobStatus();
        var last = status.LastScheduleTime;
        var owned = await OwnedJobsAsync(key, ct);
        var active = owned.Where(j => !JobPhases.IsFinished(j.Phase)).ToList();

        if (last is null)
        {
            // A new CronJob starts counting slots from now; it does not run slots from before it existed.
            status = status with { LastScheduleTime = now };
        }
        else if (!spec.Suspend && schedule.LatestDue(last.Value, now) is { } slot)
        {
            status = status with { LastScheduleTime = slot };
            var skip = SkipReason(spec, slot, now, active);
            if (skip is not null)
            {
                Log.CronSkipped(logger, slot, skip);
                await recorder.WarningAsync(key, "MissedSchedule", $"skipped the run for {Rfc3339.Format(slot)}: {skip}", ct);
            }
            else
            {
                if (spec.ConcurrencyPolicy == ConcurrencyPolicy.Replace)
                {
                    foreach (var job in active) await StopAndDeleteAsync(job, ct);
                    active.Clear();
                }
                var name = JobName(key.Name, slot);
                if (await CreateJobAsync(doc, name, slot, ct)) await recorder.NormalAsync(key, "SuccessfulCreate", $"created Job {name}", ct);
                Log.CronRun(logger, name, slot);
                active.Add(new OwnedJob(new ResourceKey(ResourceKind.Job, key.Namespace, name), slot, JobPhases.Pending, null, null));
            }
        }
        status = status with { ObservedGeneration = stored.Generation, Active = [.. active.Select(j => j.Key.Name)] };
        if (owned.Where(j => j.Phase == JobPhases.Succeeded).MaxBy(j => j.Slot) is { } lastOk)
            status = status with { LastSuccessfulTime = lastOk.CompletionTime ?? lastOk.Slot };
        if (await statusWriter.WriteAsync(stored, status, ct) is null) return ReconcileResult.Done;

        await TrimHistoryAsync(owned, spec, ct);
        var next = schedule.Next(now);
        var wait = next is { } n ? n - now : TimeSpan.FromHours(1);
        if (active.Count > 0 && wait > ActivePoll) wait = ActivePoll;
        return ReconcileResult.After(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }

    /// <summary>The Job of one slot: <c>&lt;cronjob&gt;-&lt;unix minutes&gt;</c>, the CronJob part shortened to keep a DNS label.</summary>
    public static string JobName(string cronJob, DateTimeOffset slot)
    {
        var suffix = "-" + (slot.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
        var prefix = cronJob.Length + suffix.Length > 63 ? cronJob[..(63 - suffix.Length)].TrimEnd('-') : cronJob;
        return prefix + suffix;
    }

    private static string? SkipReason(CronJobSpec spec, DateTimeOffset slot, DateTimeOffset now, List<OwnedJob> active)
    {
        if (spec.StartingDeadlineSeconds is { } deadline && now - slot > TimeSpan.FromSeconds(deadline))
            return $"missed by {(int)(now - slot).TotalSeconds}s, more than startingDeadlineSeconds={deadline}";
        if (spec.ConcurrencyPolicy == ConcurrencyPolicy.Forbid && active.Count > 0)
            return $"concurrencyPolicy Forbid and {string.Join(", ", active.Select(a => a.Key.Name))} still active";
        return null;
    }

    private async Task<bool> CreateJobAsync(ResourceDocument cron, string name, DateTimeOffset slot, CancellationToken ct)
    {
        var meta = cron.Metadata;
        var annotations = new JsonObject
        {
            [JobAnnotations.CronJob] = cron.Key.Name,
            [JobAnnotations.ScheduledTime] = Rfc3339.Format(slot),
        };
        foreach (var (k, v) in meta.Annotations ?? new Dictionary<string, string>())
        {
            if (k.StartsWith(JobAnnotations.SimulatorPrefix, StringComparison.Ordinal)) annotations[k] = v;
        }
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = cron.Key.Namespace, ["annotations"] = annotations };
        if (meta.Labels is { Count: > 0 } labels)
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        var job = new JsonObject
        {
            ["apiVersion"] = ResourceKinds.ApiVersion,
            ["kind"] = nameof(ResourceKind.Job),
            ["metadata"] = metadata,
            ["spec"] = cron.Spec.Obj("jobTemplate").Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
        try
        {
            await store.PutAsync(new ResourceKey(ResourceKind.Job, cron.Key.Namespace, name), job.ToJsonString(), Versions.MustNotExist, ct);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false; // Another operator (or an earlier pass) created this slot's Job.
        }
    }

}
