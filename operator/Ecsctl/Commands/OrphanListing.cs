using System.Text.Json.Nodes;
using Ecsctl.Manifests;
using Ecsctl.Output;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace Ecsctl.Commands;

/// <summary>One ECS object that carries the operator's owner tags while its owner's document is not in the store.
/// <paramref name="Kind"/> is service, taskdefinition (a family, named by its newest ACTIVE revision) or task (a Job's
/// running task); <paramref name="Cluster"/> is "-" for a task definition. <paramref name="Epoch"/>: the store epoch the
/// object was created under (null for objects made before epochs); the operator never deletes one of another epoch.</summary>
internal sealed record OrphanRow(string Kind, string Owner, string Cluster, string Name, DateTimeOffset? Created, string? Epoch = null);

/// <summary>
/// <c>ecsctl get orphans</c>: reads the live ECS (<see cref="LiveEcs"/>) for objects the operator manages
/// (<c>ecs.operator/managed: "true"</c> and an owner tag) whose owner is missing from the store, which the operator
/// reports and leaves alone. An owner whose item is marked for deletion is still in the store, so not an orphan.
/// Clusters looked in: those the store's Apps and Jobs name, <c>default</c>, every <c>--cluster</c>, and locally every
/// cluster of the simulator's saved state. Task definitions: the newest ACTIVE revision of every family is described
/// (one call per family); tasks: running tasks not started by a service.
/// </summary>
internal sealed class OrphanListing(IResourceStore store, LiveEcs live)
{
    public async Task<IReadOnlyList<OrphanRow>> FindAsync(IEnumerable<string> extraClusters, CancellationToken ct)
    {
        var items = await store.ListAsync(null, null, ct);
        var stored = new HashSet<string>(items.Select(i => i.Key.Pk), StringComparer.Ordinal);
        var clusters = new SortedSet<string>(StringComparer.Ordinal) { "default" };
        foreach (var c in extraClusters.Concat(live.KnownClusters)) clusters.Add(c);
        foreach (var item in items)
        {
            if (ClusterOf(item) is { Length: > 0 } c) clusters.Add(c);
        }

        var rows = new List<OrphanRow>();
        foreach (var cluster in clusters)
        {
            await AddServicesAsync(cluster, stored, rows, ct);
            await AddTasksAsync(cluster, stored, rows, ct);
        }
        await AddTaskDefinitionsAsync(stored, rows, ct);
        return [.. rows.OrderBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>The owner key when the object is managed and its owner is missing from the store; null otherwise.</summary>
    private static string? MissingOwner(JsonArray? tags, HashSet<string> stored)
    {
        var wrapped = new JsonObject { ["tags"] = tags?.DeepClone() };
        if (!OperatorTags.IsManaged(wrapped) || OperatorTags.OwnerOf(wrapped) is not { } owner) return null;
        return ResourceKey.TryParse(owner, out _) && !stored.Contains(owner) ? owner : null;
    }

    private async Task AddServicesAsync(string cluster, HashSet<string> stored, List<OrphanRow> rows, CancellationToken ct)
    {
        IReadOnlyList<string> arns;
        try
        {
            arns = await live.Ecs.ListServicesAsync(cluster, ct);
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
        {
            return; // a cluster that does not exist holds nothing
        }
        if (arns.Count == 0) return;
        var (services, _) = await live.Ecs.DescribeServicesAsync(cluster, arns, ct);
        foreach (var svc in services)
        {
            if (svc.Str("status") is "INACTIVE" || MissingOwner(svc.Arr("tags"), stored) is not { } owner) continue;
            rows.Add(new OrphanRow("service", owner, cluster, svc.Str("serviceName") ?? "", Epoch(svc["createdAt"]), StoreEpochOf(svc.Arr("tags"))));
        }
    }

    private async Task AddTasksAsync(string cluster, HashSet<string> stored, List<OrphanRow> rows, CancellationToken ct)
    {
        IReadOnlyList<string> arns;
        try
        {
            arns = await live.Ecs.ListTasksAsync(cluster, ct, desiredStatus: "RUNNING");
        }
        catch (AwsApiException e) when (e.Kind is AwsErrorKind.NotFound or AwsErrorKind.InvalidParameter)
        {
            return;
        }
        if (arns.Count == 0) return;
        var (tasks, _) = await live.Ecs.DescribeTasksAsync(cluster, arns, ct);
        foreach (var task in tasks)
        {
            // A service's tasks may carry their App's tags too; the service is the orphan to report.
            if (task.Str("group")?.StartsWith("service:", StringComparison.Ordinal) == true || task.Str("lastStatus") is "STOPPED") continue;
            if (MissingOwner(task.Arr("tags"), stored) is not { } owner) continue;
            var arn = task.Str("taskArn") ?? "";
            rows.Add(new OrphanRow("task", owner, cluster, arn[(arn.LastIndexOf('/') + 1)..], Epoch(task["createdAt"]), StoreEpochOf(task.Arr("tags"))));
        }
    }

    private async Task AddTaskDefinitionsAsync(HashSet<string> stored, List<OrphanRow> rows, CancellationToken ct)
    {
        // Every ACTIVE revision, oldest first, so the last one seen of a family is its newest.
        var newest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arn in await live.Ecs.ListTaskDefinitionsAsync(null, "ACTIVE", ct))
        {
            var familyRevision = arn[(arn.LastIndexOf('/') + 1)..];
            newest[familyRevision[..familyRevision.LastIndexOf(':')]] = arn;
        }

        foreach (var arn in newest.Values)
        {
            if (await live.Ecs.DescribeTaskDefinitionAsync(arn, ct) is not { } d || MissingOwner(d.Tags, stored) is not { } owner) continue;
            rows.Add(new OrphanRow("taskdefinition", owner, "-", arn[(arn.LastIndexOf('/') + 1)..], Epoch(d.TaskDefinition["registeredAt"]), StoreEpochOf(d.Tags)));
        }
    }

    private static string? StoreEpochOf(JsonArray? tags) => OperatorTags.Read(new JsonObject { ["tags"] = tags?.DeepClone() }, OperatorTags.StoreEpoch);

    private static DateTimeOffset? Epoch(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;

    /// <summary>The cluster an App's or Job's manifest names (read loosely: an invalid manifest may still name one).</summary>
    private static string? ClusterOf(StoredResource item)
    {
        if (item.Key.Kind is not (ResourceKind.App or ResourceKind.Job)) return null;
        return StoredItem.From(item) is { Document: { } doc } && doc.Spec["cluster"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
    }

    /// <summary>Renders the rows: a table (KIND OWNER CLUSTER NAME AGE EPOCH), or a List object with -o json|yaml.
    /// EPOCH is the store epoch the object was created under, marked "(other store)" when it is not
    /// <paramref name="storeEpoch"/> (this store's): the operator never deletes such an object.</summary>
    public static void Write(CommandContext ctx, IReadOnlyList<OrphanRow> rows, string? storeEpoch = null)
    {
        if (ctx.Output is OutputFormat.Json or OutputFormat.Yaml)
        {
            var list = new JsonArray();
            foreach (var r in rows)
            {
                list.Add(new JsonObject
                {
                    ["kind"] = r.Kind, ["owner"] = r.Owner, ["cluster"] = r.Cluster, ["name"] = r.Name,
                    ["createdAt"] = r.Created is { } c ? TableWriter.Time(c) : null,
                    ["storeEpoch"] = r.Epoch, ["otherStore"] = storeEpoch is not null && r.Epoch is not null && r.Epoch != storeEpoch,
                });
            }
            ObjectOutput.Write(ctx.Out, new JsonObject { ["kind"] = "List", ["items"] = list }, ctx.Output == OutputFormat.Yaml);
            return;
        }

        if (rows.Count == 0)
        {
            ctx.Err.WriteLine("No orphans found.");
            return;
        }
        var now = ctx.Time.GetUtcNow();
        TableWriter.Write(ctx.Out, ["KIND", "OWNER", "CLUSTER", "NAME", "AGE", "EPOCH"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.Kind, r.Owner, r.Cluster, r.Name, TableWriter.Age(r.Created, now),
                r.Epoch is null ? "-" : storeEpoch is not null && r.Epoch != storeEpoch ? r.Epoch + " (other store)" : r.Epoch])]);
    }
}
