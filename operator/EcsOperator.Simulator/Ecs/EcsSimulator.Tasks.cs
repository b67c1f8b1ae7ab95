using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Simulator.Engine;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Ecs;

internal sealed partial class EcsSimulator
{
    private readonly List<PlacementMiss> _misses = [];

    private JsonObject RunTask(JsonObject r)
    {
        var c = Cluster(r);
        var td = world.RequireTaskDef(r.Str("taskDefinition"), forLaunch: true);
        var count = r["count"] is null ? 1 : r.Int("count") ?? 0;
        if (count is < 1 or > 10) throw EcsErrors.InvalidParameter("count must be between 1 and 10.");
        var startedBy = r.Str("startedBy");
        if (startedBy is not null && (startedBy.Length > 128 || !startedBy.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '/' or '_')))
            throw EcsErrors.InvalidParameter("startedBy can have up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/), and underscores (_).");
        var tags = r.Arr("tags")?.DeepClone().AsArray() ?? [];
        ValidateTags(tags);
        var token = r.Str("clientToken");
        string? fingerprint = null;
        if (token is not null)
        {
            if (token.Length is 0 or > 64 || token.Any(ch => ch is < (char)33 or > (char)126))
                throw EcsErrors.InvalidParameter("clientToken can have up to 64 characters in the range 33-126.");
            var copy = r.CloneObject()!;
            copy.Remove("clientToken");
            fingerprint = Canonical(copy);
            if (c.RunTokens.TryGetValue(token, out var used))
            {
                if (used.Fingerprint != fingerprint)
                    throw EcsErrors.Conflict("The clientToken is already in use with different parameters.");
                var again = new JsonArray();
                foreach (var id in used.TaskIds)
                {
                    if (c.Tasks.TryGetValue(id, out var t)) again.Add(EcsRender.Task(world, t, true));
                }
                return new JsonObject { ["tasks"] = again, ["failures"] = used.Failures.DeepClone() };
            }
        }
        ValidateLaunch(r, td);
        if (r.Str("propagateTags") == "TASK_DEFINITION")
            foreach (var t in td.Tags) tags.Add(t?.DeepClone());
        var launchType = SimWorld.LaunchTypeOf(r, td);
        var launch = new TaskLaunch(
            launchType, startedBy, r.Str("group") ?? "family:" + td.Family, tags, r.Obj("overrides") ?? [],
            r.Obj("networkConfiguration"),
            CapacityProviderName: r.Arr("capacityProviderStrategy").Objects().FirstOrDefault().Str("capacityProvider"),
            PlatformVersion: r.Str("platformVersion"));
        var overrides = launch.Overrides;
        var cpu = TaskDefinitionRules.ParseCpu(overrides.Str("cpu")) ?? td.Cpu;
        var memory = TaskDefinitionRules.ParseMemory(overrides.Str("memory")) ?? td.Memory;
        var started = new List<TaskRec>();
        var failures = new JsonArray();
        for (var n = 0; n < count; n++)
        {
            InstanceRec? instance = null;
            if (launchType != "FARGATE")
            {
                var req = new PlacementRequest(cpu, memory, td.HostPorts, launch.Group, SimWorld.Constraints(r.Arr("placementConstraints"), td), r.Arr("placementStrategy"), td, launchType);
                instance = world.Place(c, req, _misses);
                if (instance is null)
                {
                    if (_misses.Count == 0) failures.Add(new JsonObject { ["arn"] = c.Arn, ["reason"] = "No Container Instances were found in your cluster." });
                    foreach (var m in _misses) failures.Add(new JsonObject { ["arn"] = m.Instance.Arn, ["reason"] = m.Reason });
                    break;
                }
            }
            started.Add(world.StartTask(c, td, launch, instance, instance is null ? world.NextFargateZone() : null));
        }
        if (token is not null)
        {
            if (c.RunTokens.Count >= 10_000)
            {
                foreach (var old in c.RunTokens.Where(kv => kv.Value.CreatedAt < world.Now - TimeSpan.FromHours(12)).Select(kv => kv.Key).ToList())
                    c.RunTokens.Remove(old);
            }
            c.RunTokens[token] = new RunTokenRec
            {
                Fingerprint = fingerprint!, TaskIds = started.Select(t => t.Id).ToList(), Failures = (JsonArray)failures.DeepClone(), CreatedAt = world.Now,
            };
        }
        world.Changed();
        world.Settle();
        return new JsonObject
        {
            ["tasks"] = new JsonArray(started.Select(t => (JsonNode)EcsRender.Task(world, t, true)).ToArray()),
            ["failures"] = failures,
        };
    }

    private static void ValidateTags(JsonArray tags) => TagRules.Validate(tags);

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    private JsonObject DescribeTasks(JsonObject r)
    {
        var c = Cluster(r);
        var refs = r.Arr("tasks")?.Strings().ToList() ?? [];
        if (refs.Count == 0) throw EcsErrors.InvalidParameter("Tasks cannot be empty.");
        return DescribeBatch(r, "tasks", refs, 100, "Tasks cannot have more than 100 items.",
            (reference, tags) => c.Tasks.TryGetValue(Arns.LastSegment(reference), out var t) ? EcsRender.Task(world, t, tags) : null,
            reference => ArnOr(reference, other => world.Arns.Task(c.Name, Arns.LastSegment(other))));
    }

    private JsonObject ListTasks(JsonObject r)
    {
        var c = Cluster(r);
        var desired = r.Str("desiredStatus") ?? "RUNNING";
        if (desired is not ("RUNNING" or "PENDING" or "STOPPED")) throw EcsErrors.InvalidParameter("desiredStatus must be RUNNING, PENDING or STOPPED.");
        var family = r.Str("family");
        var launchType = r.Str("launchType");
        var startedBy = r.Str("startedBy");
        var serviceName = r.Str("serviceName") is { } sn ? Arns.LastSegment(sn) : null;
        string? instanceId = r.Str("containerInstance") is { } ci ? Arns.LastSegment(ci) : null;
        if (serviceName is not null && !c.Services.ContainsKey(serviceName)) throw EcsErrors.ServiceNotFound();
        IEnumerable<TaskRec> source;
        if (startedBy is not null) source = c.TasksByStartedBy.GetValueOrDefault(startedBy) ?? [];
        else if (serviceName is not null && desired != "STOPPED") source = c.Services[serviceName].LiveTasks;
        else if (instanceId is not null && desired != "STOPPED") source = c.Instances.TryGetValue(instanceId, out var inst) ? inst.Tasks : [];
        else source = [];
        bool Match(TaskRec t) =>
            (desired == "STOPPED" ? t.DesiredStatus == "STOPPED" : t.DesiredStatus == "RUNNING" && (desired == "RUNNING" || t.LastStatus != "RUNNING"))
            && (family is null || t.Family == family)
            && (launchType is null || t.LaunchType == launchType)
            && (startedBy is null || t.StartedBy == startedBy)
            && (serviceName is null || t.ServiceName == serviceName)
            && (instanceId is null || t.InstanceId == instanceId);
        if (startedBy is null && (serviceName is null || desired == "STOPPED") && (instanceId is null || desired == "STOPPED"))
        {
            return Paging.Result("taskArns", Paging.Page(Paging.From(c.TaskArns, r), r,
                arn => c.Tasks.TryGetValue(Arns.LastSegment(arn), out var t) && Match(t)));
        }
        var arns = source.Where(Match).Select(t => t.Arn).Order(StringComparer.Ordinal).ToList();
        return Paging.Result("taskArns", Paging.Page(arns, r));
    }

    private JsonObject StopTask(JsonObject r)
    {
        var c = Cluster(r);
        var reference = r.Str("task");
        if (string.IsNullOrWhiteSpace(reference)) throw EcsErrors.InvalidParameter("task can not be blank.");
        if (!c.Tasks.TryGetValue(Arns.LastSegment(reference), out var t)) throw EcsErrors.InvalidParameter("The referenced task was not found.");
        var reason = r.Str("reason");
        if (reason is { Length: > 1024 }) throw EcsErrors.InvalidParameter("reason must be at most 1024 characters.");
        world.BeginStop(c, t, "UserInitiated", string.IsNullOrEmpty(reason) ? "Task stopped by user" : reason, failed: false);
        world.Changed();
        world.Settle();
        return new JsonObject { ["task"] = EcsRender.Task(world, t, true) };
    }
}
