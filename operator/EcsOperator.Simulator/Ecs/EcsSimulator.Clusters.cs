using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Ecs;

internal sealed partial class EcsSimulator
{
    private JsonObject CreateCluster(JsonObject r)
    {
        var name = r.Str("clusterName") ?? "default";
        if (name.Length is 0 or > 255 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw EcsErrors.InvalidParameter("Clusters can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.");
        var tags = r.Arr("tags") ?? [];
        ValidateTags(tags);
        var c = world.CreateCluster(name, r);
        return new JsonObject { ["cluster"] = EcsRender.Cluster(c, true) };
    }

    private JsonObject DescribeClusters(JsonObject r)
    {
        var names = r.Arr("clusters")?.Strings().ToList() ?? [];
        if (names.Count == 0) names.Add("default");
        return DescribeBatch(r, "clusters", names, 100, "clusters can have at most 100 items.",
            (n, tags) => world.FindCluster(n) is { } c ? EcsRender.Cluster(c, tags) : null,
            n => ArnOr(n, world.Arns.Cluster));
    }

    private JsonObject ListContainerInstances(JsonObject r)
    {
        var c = Cluster(r);
        var status = r.Str("status");
        var filter = r.Str("filter");
        bool Match(string arn) =>
            c.Instances.TryGetValue(Arns.LastSegment(arn), out var i)
            && (status is null || i.Status == status)
            && (string.IsNullOrWhiteSpace(filter) || PlacementExpression.Matches(filter, i));
        return Paging.Result("containerInstanceArns", Paging.Page(Paging.From(c.InstanceArns, r), r, Match));
    }

    private JsonObject DescribeContainerInstances(JsonObject r)
    {
        var c = Cluster(r);
        var refs = r.Arr("containerInstances")?.Strings().ToList() ?? [];
        if (refs.Count == 0) throw EcsErrors.InvalidParameter("ContainerInstances cannot be empty.");
        return DescribeBatch(r, "containerInstances", refs, 100, "containerInstances can have at most 100 items.",
            (reference, tags) => c.Instances.TryGetValue(Arns.LastSegment(reference), out var i) ? EcsRender.Instance(world, i, tags) : null,
            reference => ArnOr(reference, id => world.Arns.ContainerInstance(c.Name, id)));
    }

    private JsonObject UpdateContainerInstancesState(JsonObject r)
    {
        var c = Cluster(r);
        var status = r.Str("status");
        if (status is not ("ACTIVE" or "DRAINING"))
            throw EcsErrors.InvalidParameter("Container instance status can be updated only to ACTIVE or DRAINING.");
        var refs = r.Arr("containerInstances")?.Strings().ToList() ?? [];
        if (refs.Count is 0 or > 10) throw EcsErrors.InvalidParameter("containerInstances must have between 1 and 10 items.");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in refs)
        {
            if (c.Instances.TryGetValue(Arns.LastSegment(reference), out var i))
            {
                world.SetInstanceStatus(c, i, status);
                found.Add(EcsRender.Instance(world, i, false));
            }
            else failures.Add(new JsonObject { ["arn"] = reference, ["reason"] = "MISSING" });
        }
        world.Settle();
        return new JsonObject { ["containerInstances"] = found, ["failures"] = failures };
    }

    /// <summary>The tag list of the resource an ARN names, or an InvalidParameterException as ECS gives.</summary>
    private JsonArray TagsOf(string? arn)
    {
        if (string.IsNullOrWhiteSpace(arn)) throw EcsErrors.InvalidParameter("resourceArn can not be blank.");
        var type = Arns.TypeOf(arn);
        var cluster = Arns.ClusterOf(arn);
        var name = Arns.LastSegment(arn);
        JsonArray? tags = type switch
        {
            "cluster" => world.FindCluster(name)?.Tags,
            "service" => cluster is not null && world.FindCluster(cluster) is { } c && c.Services.TryGetValue(name, out var s) ? s.Tags : null,
            "task" => cluster is not null && world.FindCluster(cluster) is { } c2 && c2.Tasks.TryGetValue(name, out var t) ? t.Tags : null,
            "container-instance" => cluster is not null && world.FindCluster(cluster) is { } c3 && c3.Instances.TryGetValue(name, out var i) ? i.Tags : null,
            "task-definition" => world.FindTaskDef(arn)?.Tags,
            _ => throw EcsErrors.InvalidParameter("The ARN provided is invalid."),
        };
        if (tags is null)
        {
            if (type == "cluster") throw EcsErrors.ClusterNotFound();
            if (type == "service") throw EcsErrors.ServiceNotFound();
            throw EcsErrors.InvalidParameter("The specified resource could not be found.");
        }
        return tags;
    }

    private JsonObject TagResource(JsonObject r)
    {
        var tags = TagsOf(r.Str("resourceArn"));
        var add = r.Arr("tags") ?? throw EcsErrors.InvalidParameter("tags can not be empty.");
        ValidateTags(add);
        foreach (var t in add.OfType<JsonObject>())
        {
            var key = t.Str("key");
            var existing = tags.OfType<JsonObject>().FirstOrDefault(x => x.Str("key") == key);
            if (existing is not null) existing["value"] = t["value"]?.DeepClone();
            else tags.Add(t.DeepClone());
        }
        if (tags.Count > 50) throw EcsErrors.InvalidParameter("A resource can have at most 50 tags.");
        world.Changed();
        return [];
    }

    private JsonObject UntagResource(JsonObject r)
    {
        var tags = TagsOf(r.Str("resourceArn"));
        var keys = r.Arr("tagKeys")?.Strings().ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = tags.Count - 1; i >= 0; i--)
        {
            if (keys.Contains((tags[i] as JsonObject).Str("key") ?? "")) tags.RemoveAt(i);
        }
        world.Changed();
        return [];
    }

    private JsonObject ListTagsForResource(JsonObject r) => new() { ["tags"] = TagsOf(r.Str("resourceArn")).DeepClone() };
}
