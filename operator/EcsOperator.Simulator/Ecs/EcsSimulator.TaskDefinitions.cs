using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Engine;

namespace EcsOperator.Simulator.Ecs;

internal sealed partial class EcsSimulator
{
    private JsonObject RegisterTaskDefinition(JsonObject r)
    {
        var td = world.RegisterTaskDefinition(r);
        return new JsonObject { ["taskDefinition"] = td.Body.DeepClone(), ["tags"] = td.Tags.DeepClone() };
    }

    private JsonObject DescribeTaskDefinition(JsonObject r)
    {
        var td = world.RequireTaskDef(r.Str("taskDefinition"), forLaunch: false);
        var o = new JsonObject { ["taskDefinition"] = td.Body.DeepClone() };
        if (IncludesTags(r)) o["tags"] = td.Tags.DeepClone();
        return o;
    }

    private JsonObject DeregisterTaskDefinition(JsonObject r) =>
        new() { ["taskDefinition"] = world.DeregisterTaskDefinition(r.Str("taskDefinition")).Body.DeepClone() };

    private JsonObject ListTaskDefinitions(JsonObject r)
    {
        var status = r.Str("status") ?? "ACTIVE";
        if (status is not ("ACTIVE" or "INACTIVE" or "DELETE_IN_PROGRESS"))
            throw EcsErrors.InvalidParameter("status must be one of ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
        var desc = r.Str("sort") == "DESC";
        var family = r.Str("familyPrefix");
        IEnumerable<State.TaskDefRec> all = family is not null
            ? world.State.Families.GetValueOrDefault(family) ?? []
            : world.State.Families.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value);
        var arns = all.Where(t => t.Status == status).Select(t => t.Arn);
        if (desc) arns = arns.Reverse();
        // Order is by family then revision; the token is the position reached.
        var list = arns.ToList();
        var max = Paging.MaxResults(r);
        var start = 0;
        if (Paging.After(r) is { } after && !int.TryParse(after, out start)) throw EcsErrors.InvalidParameter("Invalid nextToken.");
        var page = list.Skip(start).Take(max).ToJsonArray();
        var o = new JsonObject { ["taskDefinitionArns"] = page };
        if (start + max < list.Count)
            o["nextToken"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((start + max).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return o;
    }
}
