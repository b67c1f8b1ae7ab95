using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.Simulator;

namespace EcsOperator.Chaos;

/// <summary>One invariant: how many times it was checked, and each violation seen (kept once per distinct text).</summary>
internal sealed class Invariant(string name)
{
    public string Name => name;

    public long Checks { get; private set; }

    public SortedSet<string> Violations { get; } = new(StringComparer.Ordinal);

    public void Check(bool holds, Func<string> violation)
    {
        Checks++;
        if (!holds) Violations.Add(violation());
    }
}

/// <summary>
/// The promises a chaos run checks, continuously (safety: never broken for an instant) and at the end (liveness:
/// everything converged once faults stopped). All are read from the simulator's own state and the store, never from
/// the operators' word.
/// </summary>
internal sealed class ChaosInvariants(SimulatorControl control, IResourceStore store, IChaosBackend backend, ChaosWorkload workload)
{
    public Invariant LaunchedOnce { get; } = new("each Job run launched at most once (RunTask per startedBy)");
    public Invariant NoNeedlessRevision { get; } = new("no task-definition revision without a spec change");
    public Invariant NoUnaskedDeletion { get; } = new("no ECS service deleted unless its document was deleted");
    public Invariant NeverExited { get; } = new("the operator never exited on its own");
    public Invariant MessagesAccounted { get; } = new("every message sent is a stored Job or a dead-letter with a reason");
    public Invariant Converged { get; } = new("every document reconciled within its budget after faults stopped");

    public IEnumerable<Invariant> All => [LaunchedOnce, NoNeedlessRevision, NoUnaskedDeletion, NeverExited, MessagesAccounted, Converged];

    /// <summary>Services seen ACTIVE, by App name (only then can a later absence be a deletion).</summary>
    private readonly HashSet<string> seenActive = new(StringComparer.Ordinal);

    public void CheckSafety(IEnumerable<OperatorProcess> operators)
    {
        var snap = control.Snapshot();
        foreach (var group in snap.Tasks.Where(IsJobTask).GroupBy(t => t.StartedBy!, StringComparer.Ordinal))
        {
            var n = group.Count();
            LaunchedOnce.Check(n <= 1, () => $"{n} tasks started by {group.Key}: {string.Join(", ", group.Select(t => t.Arn.Split('/')[^1]))}");
        }
        foreach (var (family, revisions) in snap.RevisionsByFamily)
        {
            if (!workload.SpecsPerFamily.TryGetValue(family, out var specs)) continue;
            NoNeedlessRevision.Check(revisions <= specs.Count, () => $"family {family} has {revisions} revisions for {specs.Count} distinct specs");
        }
        foreach (var svc in snap.Services.Where(s => s.Cluster == ChaosWorkload.Cluster))
        {
            if (svc.Status == "ACTIVE") seenActive.Add(svc.Name);
        }
        foreach (var name in seenActive)
        {
            if (workload.DeletedApps.Contains(name)) continue;
            var active = snap.Services.Any(s => s.Name == name && s.Status == "ACTIVE");
            NoUnaskedDeletion.Check(active, () => $"service {name} is gone although App {name} was never deleted");
        }
        foreach (var op in operators)
        {
            lock (op.UnexpectedExits)
            {
                NeverExited.Check(op.UnexpectedExits.Count == 0, () => string.Join("; ", op.UnexpectedExits));
            }
        }
    }

    private static bool IsJobTask(SimTaskView t) =>
        t.StartedBy is not null && t.Tags.TryGetValue("ecs.operator/owner", out var owner) && owner.StartsWith("Job/", StringComparison.Ordinal);

    /// <summary>What is not yet converged (empty when everything is); records nothing.</summary>
    public async Task<List<string>> PendingAsync(CancellationToken ct)
    {
        var pending = new List<string>();
        var snap = control.Snapshot();
        foreach (var (name, doc) in workload.Apps)
        {
            if (doc is not { } want) continue;
            var svc = snap.Services.FirstOrDefault(s => s.Name == name && s.Status == "ACTIVE");
            var image = svc is null ? null : snap.ImageByTaskDefinition.GetValueOrDefault(svc.TaskDefinitionArn);
            if (svc is null || image != $"nginx:1.{want.Image}" || svc.DesiredCount != want.Replicas)
                pending.Add($"App {name}: want nginx:1.{want.Image} x{want.Replicas}, ECS has {(svc is null ? "no service" : $"{image} x{svc.DesiredCount}")}");
        }
        var jobNames = workload.Jobs.Concat(workload.Messages.Values.Where(m => m.Kind == "valid").Select(m => m.JobName!));
        foreach (var name in jobNames.Distinct(StringComparer.Ordinal))
        {
            var item = await store.GetAsync(new ResourceKey(ResourceKind.Job, "default", name), ct);
            var phase = item?.Status.Str("phase");
            if (item is not null && phase is not ("Succeeded" or "Failed")) pending.Add($"Job {name}: phase {phase ?? "none"}");
        }
        // A message taken by an operator that was killed comes back after its visibility timeout: not done yet.
        if (await backend.MessagesLeftAsync(ct) is var left and > 0) pending.Add($"{left} message(s) still on the queue");
        return pending;
    }

    /// <summary>The end: every message accounted for, and whatever <see cref="PendingAsync"/> still lists is a violation.</summary>
    public async Task CheckEndAsync(IReadOnlyList<string> pending, CancellationToken ct)
    {
        foreach (var p in pending) Converged.Check(false, () => p);
        var documents = workload.Apps.Count(a => a.Value is not null) + workload.Jobs.Count + workload.Messages.Values.Count(m => m.Kind == "valid");
        for (var i = pending.Count; i < documents; i++) Converged.Check(true, () => "");
        var dead = await backend.DeadLetterReasonsAsync(ct);
        foreach (var (id, (kind, job)) in workload.Messages)
        {
            var deadReason = dead.GetValueOrDefault(id);
            var stored = job is not null && await store.GetAsync(new ResourceKey(ResourceKind.Job, "default", job), ct) is not null;
            switch (kind)
            {
                case "valid" or "duplicate":
                    MessagesAccounted.Check(stored || !string.IsNullOrEmpty(deadReason),
                        () => $"{kind} message {id} ({job}) is neither a stored Job nor a dead-letter with a reason");
                    break;
                default:
                    MessagesAccounted.Check(!string.IsNullOrEmpty(deadReason), () => $"{kind} message {id} was not dead-lettered with a reason");
                    break;
            }
        }
    }
}
