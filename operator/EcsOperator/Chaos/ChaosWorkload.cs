using System.Globalization;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Chaos;

/// <summary>
/// What a chaos run writes, and the record the invariants are checked against: Apps created, changed (image,
/// replicas) and deleted with raw store writes; Jobs written to the store; queue messages (valid, byte-identical
/// duplicates, poison, oversized). Apps named <c>base-*</c> are never deleted; Jobs refer to them.
/// </summary>
internal sealed class ChaosWorkload(IResourceStore store, IJobQueue queue, Random random)
{
    public const string Cluster = "default";

    /// <summary>The message attribute each message is sent with: its id in <see cref="Messages"/>, the same in every
    /// backend (SQS gives a dead-lettered copy a new message id; the operator keeps the attributes).</summary>
    public const string IdAttribute = "chaos-id";

    /// <summary>An App's current document as written: image tag and replicas; null once deleted.</summary>
    public Dictionary<string, (int Image, int Replicas)?> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>Images each App family was ever given, plus one per re-creation: the revisions a family may have.</summary>
    public Dictionary<string, HashSet<string>> SpecsPerFamily { get; } = new(StringComparer.Ordinal);

    /// <summary>Apps deleted at least once (their ECS objects may go).</summary>
    public HashSet<string> DeletedApps { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every message sent: its <see cref="IdAttribute"/> → (kind, the Job name it carries or null).</summary>
    public Dictionary<string, (string Kind, string? JobName)> Messages { get; } = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    private readonly List<(string Body, string Job)> sentBodies = [];
    private int next;

    public static ResourceKey AppKey(string name) => new(ResourceKind.App, "default", name);

    public static string AppManifest(string name, int image, int replicas) => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: {name}
        spec:
          cluster: {Cluster}
          replicas: {replicas}
          taskDefinition:
            containerDefinitions:
              - name: web
                image: "nginx:1.{image}"
                memory: 128
                essential: true
        """;

    private static string JobBody(string name, string appRef) =>
        "{\"apiVersion\": \"ecs.operator/v1\", \"kind\": \"Job\", \"metadata\": {\"name\": \"" + name + "\", "
        + "\"annotations\": {\"simulator.ecs.operator/run-seconds\": \"3\"}}, "
        + "\"spec\": {\"appRef\": \"" + appRef + "\", \"command\": [\"echo\", \"" + name + "\"], \"ttlSecondsAfterFinished\": 86400}}";

    public async Task SeedAsync(CancellationToken ct)
    {
        for (var i = 0; i < 2; i++) await PutAppAsync("base-" + i.ToString(CultureInfo.InvariantCulture), ct);
    }

    /// <summary>One random write; returns what it did.</summary>
    public async Task<string> StepAsync(CancellationToken ct)
    {
        var roll = random.Next(100);
        if (roll < 25) return await PutAppAsync(PickApp(allowNew: true), ct);
        if (roll < 35) return await DeleteAppAsync(ct);
        if (roll < 55) return await PutJobAsync(ct);
        return await SendAsync(ct);
    }

    private string PickApp(bool allowNew)
    {
        var existing = Apps.Keys.ToList();
        if (allowNew && (existing.Count < 4 || random.Next(3) == 0)) return "app-" + (next++).ToString(CultureInfo.InvariantCulture);
        return existing[random.Next(existing.Count)];
    }

    private async Task<string> PutAppAsync(string name, CancellationToken ct)
    {
        var current = Apps.GetValueOrDefault(name);
        var image = current?.Image ?? 0;
        var replicas = current?.Replicas ?? 1;
        if (current is not null)
        {
            if (random.Next(2) == 0) image++;
            else replicas = 1 + random.Next(3);
        }
        var specs = SpecsPerFamily.TryGetValue(name, out var s) ? s : SpecsPerFamily[name] = new HashSet<string>(StringComparer.Ordinal);
        specs.Add("image " + image.ToString(CultureInfo.InvariantCulture));
        if (current is null && DeletedApps.Contains(name)) specs.Add("recreated " + Writes.ToString(CultureInfo.InvariantCulture));
        // Unconditional, as `aws dynamodb put-item` writes: the operators' status writes change the version any time.
        await store.PutAsync(AppKey(name), AppManifest(name, image, replicas), null, ct);
        Apps[name] = (image, replicas);
        Writes++;
        return current is null ? $"created App {name}" : $"changed App {name} (image 1.{image}, {replicas} replicas)";
    }

    private async Task<string> DeleteAppAsync(CancellationToken ct)
    {
        var candidates = Apps.Where(a => a.Value is not null && !a.Key.StartsWith("base-", StringComparison.Ordinal)).Select(a => a.Key).ToList();
        if (candidates.Count == 0) return await PutAppAsync(PickApp(allowNew: true), ct);
        var name = candidates[random.Next(candidates.Count)];
        await store.DeleteAsync(AppKey(name), null, ct);
        Apps.Remove(name);
        DeletedApps.Add(name);
        Writes++;
        return $"deleted App {name}";
    }

    private async Task<string> PutJobAsync(CancellationToken ct)
    {
        var name = "job-" + (next++).ToString(CultureInfo.InvariantCulture);
        var body = JobBody(name, "base-" + random.Next(2).ToString(CultureInfo.InvariantCulture));
        await store.PutAsync(new ResourceKey(ResourceKind.Job, "default", name), body, Versions.MustNotExist, ct);
        Jobs.Add(name);
        Writes++;
        return $"created Job {name}";
    }

    private async Task<string> SendAsync(CancellationToken ct)
    {
        var roll = random.Next(100);
        string kind, body;
        string? job = null;
        if (roll < 20 && sentBodies.Count > 0)
        {
            var previous = sentBodies[random.Next(sentBodies.Count)];
            (kind, body, job) = ("duplicate", previous.Body, previous.Job);
        }
        else if (roll < 30)
        {
            (kind, body) = ("poison", random.Next(2) == 0 ? "{not yaml: [" : "kind: App\nmetadata: {name: sneaky}\n");
        }
        else if (roll < 38)
        {
            // Half over ECS's 8 KiB overrides limit, half over the document size limit.
            var size = random.Next(2) == 0 ? 9000 : 450 * 1024;
            (kind, body) = ("oversized", JobBody("huge-" + (next++).ToString(CultureInfo.InvariantCulture), "base-0")
                .Replace("\"echo\"", "\"" + new string('x', size) + "\"", StringComparison.Ordinal));
        }
        else
        {
            job = "queued-" + (next++).ToString(CultureInfo.InvariantCulture);
            (kind, body) = ("valid", JobBody(job, "base-" + random.Next(2).ToString(CultureInfo.InvariantCulture)));
            sentBodies.Add((body, job));
        }
        var id = "m" + (next++).ToString(CultureInfo.InvariantCulture);
        await queue.SendAsync(body, new Dictionary<string, string> { [IdAttribute] = id }, ct);
        Messages[id] = (kind, job);
        return $"sent a {kind} message {id}";
    }
}
